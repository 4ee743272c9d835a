;; a start function sets a global that f adds to its range's length; the start function's work is metered too.
(module
  (global $base (mut i64) (i64.const 0))
  (func $init (global.set $base (i64.const 1000)))
  (start $init)
  (func (export "f") (param $start i64) (param $end i64) (result i64)
    (i64.add (global.get $base) (i64.sub (local.get $end) (local.get $start)))))

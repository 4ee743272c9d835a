;; depth(start, end) = (end - start) nested calls deep, then 0 back up, each frame adding 1: returns end - start.
(module
  (func $nest (param $left i64) (result i64)
    (if (result i64) (i64.eqz (local.get $left))
      (then (i64.const 0))
      (else (i64.add (i64.const 1) (call $nest (i64.sub (local.get $left) (i64.const 1)))))))
  (func (export "depth") (param $start i64) (param $end i64) (result i64)
    (call $nest (i64.sub (local.get $end) (local.get $start)))))

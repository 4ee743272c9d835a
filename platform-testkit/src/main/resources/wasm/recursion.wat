;; down(n) = down(n + 1): recurses until something stops it.
(module
  (func $down (param $n i64) (result i64)
    (call $down (i64.add (local.get $n) (i64.const 1))))
  (func (export "f") (param i64 i64) (result i64)
    (call $down (local.get 0))))

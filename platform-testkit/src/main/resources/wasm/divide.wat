;; divide(start, end) = start / (end - start - 1): divides by zero when end = start + 1.
(module
  (func (export "divide") (param $start i64) (param $end i64) (result i64)
    (i64.div_s (local.get $start) (i64.sub (i64.sub (local.get $end) (local.get $start)) (i64.const 1)))))

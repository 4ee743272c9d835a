;; steps(start, end): the total number of Collatz steps that the integers in [start, end) take to reach 1.
;; A dcp wasm job calls it on each subtask's range and adds the subtask values up ("combine": "sum").
;; The work of a number is not known before it runs, which is why wasm jobs are metered by the gas they burn.
(module
  (func $steps (export "steps") (param $start i64) (param $end i64) (result i64)
    (local $total i64)
    (local $n i64)
    (block $done
      (loop $numbers
        (br_if $done (i64.ge_s (local.get $start) (local.get $end)))
        (local.set $n (local.get $start))
        (block $reached_one
          (loop $step
            (br_if $reached_one (i64.le_s (local.get $n) (i64.const 1)))
            (if (i64.eqz (i64.and (local.get $n) (i64.const 1)))
              (then (local.set $n (i64.shr_u (local.get $n) (i64.const 1))))
              (else (local.set $n (i64.add (i64.mul (local.get $n) (i64.const 3)) (i64.const 1)))))
            (local.set $total (i64.add (local.get $total) (i64.const 1)))
            (br $step)))
        (local.set $start (i64.add (local.get $start) (i64.const 1)))
        (br $numbers)))
    (local.get $total)))

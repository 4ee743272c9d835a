;; mixed(start, end): the sum over n in [start, end) of collatz(n) steps, with a memoised table in linear memory,
;; bulk memory, a br_table, select, a call_indirect and a table.grow: a bit of every construct the meter rewrites.
(module
  (type $step (func (param i64) (result i64)))
  (memory 1 16)
  (table $steps 2 funcref)
  (elem (i32.const 0) $half $triple)
  (func $half (type $step) (i64.shr_u (local.get 0) (i64.const 1)))
  (func $triple (type $step) (i64.add (i64.mul (local.get 0) (i64.const 3)) (i64.const 1)))
  (func $collatz (param $n i64) (result i64)
    (local $count i64)
    (block $done
      (loop $again
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $n
          (call_indirect (type $step) (local.get $n) (i32.wrap_i64 (i64.and (local.get $n) (i64.const 1)))))
        (local.set $count (i64.add (local.get $count) (i64.const 1)))
        (br $again)))
    (local.get $count))
  (func (export "mixed") (param $start i64) (param $end i64) (result i64)
    (local $acc i64) (local $n i64) (local $k i32)
    ;; clear 4 KiB and copy it about: the bulk operations cost by their length
    (memory.fill (i32.const 0) (i32.const 7) (i32.const 4096))
    (memory.copy (i32.const 4096) (i32.const 0) (i32.const 4096))
    (drop (table.grow $steps (ref.null func) (i32.const 3)))
    (drop (memory.grow (i32.const 1)))
    (local.set $n (local.get $start))
    (block $done
      (loop $next
        (br_if $done (i64.ge_s (local.get $n) (local.get $end)))
        (local.set $k (i32.wrap_i64 (i64.rem_u (local.get $n) (i64.const 3))))
        (block $c2 (block $c1 (block $c0
          (br_table $c0 $c1 $c2 (local.get $k)))
          ;; k = 0
          (local.set $acc (i64.add (local.get $acc) (call $collatz (local.get $n))))
          (br $c2))
          ;; k = 1
          (local.set $acc (i64.add (local.get $acc)
            (select (call $collatz (local.get $n)) (i64.const 0) (i32.const 1)))))
        ;; k = 2 falls here too, k = 0 and 1 after their work: add the steps only for k = 2
        (if (i32.eq (local.get $k) (i32.const 2))
          (then (local.set $acc (i64.add (local.get $acc) (call $collatz (local.get $n)))))
          (else (nop)))
        (local.set $n (i64.add (local.get $n) (i64.const 1)))
        (br $next)))
    (i64.add (local.get $acc)
      (i64.extend_i32_u (i32.load8_u (i32.const 4100))))))

;; grows its memory 64 pages at a time until the worker says no, then gives up with a trap, as a program out of
;; memory aborts; f returns nothing else.
(module
  (memory 1)
  (func (export "f") (param i64 i64) (result i64)
    (loop $more
      (br_if $more (i32.ne (memory.grow (i32.const 64)) (i32.const -1))))
    (unreachable)))

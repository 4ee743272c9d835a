;; trap(kind, _): each kind of trap the sandbox must report the same in every engine.
(module
  (type $i64toi64 (func (param i64) (result i64)))
  (type $none (func))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $id)
  (func $id (type $i64toi64) (local.get 0))
  (func (export "trap") (param $kind i64) (param i64) (result i64)
    (block $overflow
      (block $oob
        (block $conversion
          (block $mismatch
            (block $undefined
              (block $unreachable
                (br_table $unreachable $undefined $mismatch $conversion $oob $overflow
                  (i32.wrap_i64 (local.get $kind))))
              (unreachable))
            (return (call_indirect (type $i64toi64) (i64.const 1) (i32.const 1))))
          (call_indirect (type $none) (i32.const 0))
          (return (i64.const 0)))
        (return (i64.trunc_f64_s (f64.const nan))))
      (return (i64.load (i32.const 65536))))
    (i64.div_s (i64.const -9223372036854775808) (i64.const -1))))

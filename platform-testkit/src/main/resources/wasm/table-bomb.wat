;; grows its table by a billion elements: metered per element, so it runs out of gas before it allocates.
(module
  (table $t 1 funcref)
  (func (export "f") (param i64 i64) (result i64)
    (i64.extend_i32_s (table.grow $t (ref.null func) (i32.const 1000000000)))))

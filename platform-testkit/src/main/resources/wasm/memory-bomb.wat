;; asks for 60,000 pages (3.7 GiB) of memory up front.
(module
  (memory 60000)
  (func (export "f") (param i64 i64) (result i64) (i64.const 0)))

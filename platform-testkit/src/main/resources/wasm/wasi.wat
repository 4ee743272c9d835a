;; a WASI program: writes to stdout through fd_write.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (func (export "f") (param i64 i64) (result i64)
    (i64.extend_i32_u (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))))

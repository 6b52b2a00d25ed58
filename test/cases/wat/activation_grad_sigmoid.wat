(module
  (type (;0;) (func (param i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $dy i32) (param $end i32) (param $y i32) (param $out i32)
    (local $v v128)
    block  ;; label = @1
      loop  ;; label = @2
        local.get $dy
        local.get $end
        i32.ge_u
        br_if 1 (;@1;)
        local.get $out
        local.get $dy
        v128.load align=4
        local.get $y
        v128.load align=4
        local.set $v
        local.get $v
        local.get $v
        local.get $v
        f32x4.mul
        f32x4.sub
        f32x4.mul
        v128.store align=4
        local.get $dy
        i32.const 16
        i32.add
        local.set $dy
        local.get $y
        i32.const 16
        i32.add
        local.set $y
        local.get $out
        i32.const 16
        i32.add
        local.set $out
        br 0 (;@2;)
      end
    end)
  (export "f" (func $f)))

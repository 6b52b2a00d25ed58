(module
  (type (;0;) (func (param i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $x i32) (param $out i32) (param $rows i32)
    (local $row i32) (local $pEnd i32) (local $acc0 v128) (local $acc1 v128)
    block  ;; label = @1
      loop  ;; label = @2
        local.get $row
        local.get $rows
        i32.ge_u
        br_if 1 (;@1;)
        local.get $out
        i32.const 336
        i32.add
        local.set $pEnd
        block  ;; label = @3
          loop  ;; label = @4
            local.get $out
            local.get $pEnd
            i32.ge_u
            br_if 1 (;@3;)
            local.get $x
            v128.load align=4
            local.get $x
            v128.load offset=24 align=4
            f32x4.add
            local.get $x
            v128.load offset=672 align=4
            f32x4.add
            local.get $x
            v128.load offset=696 align=4
            f32x4.add
            f32.const 0x1p-2 (;=0.25;)
            f32x4.splat
            f32x4.mul
            local.set $acc0
            local.get $out
            local.get $acc0
            v128.store align=4
            local.get $x
            v128.load64_zero offset=16 align=4
            local.get $x
            v128.load64_zero offset=40 align=4
            f32x4.add
            local.get $x
            v128.load64_zero offset=688 align=4
            f32x4.add
            local.get $x
            v128.load64_zero offset=712 align=4
            f32x4.add
            f32.const 0x1p-2 (;=0.25;)
            f32x4.splat
            f32x4.mul
            local.set $acc1
            local.get $out
            local.get $acc1
            v128.store64_lane offset=16 align=4 0
            local.get $x
            i32.const 48
            i32.add
            local.set $x
            local.get $out
            i32.const 24
            i32.add
            local.set $out
            br 0 (;@4;)
          end
        end
        local.get $x
        i32.const 672
        i32.add
        local.set $x
        local.get $row
        i32.const 1
        i32.add
        local.set $row
        br 0 (;@2;)
      end
    end)
  (export "f" (func $f)))

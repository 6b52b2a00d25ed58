(module
  (type (;0;) (func (param i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $dy i32) (param $end i32) (param $out i32) (param $rowBytes i32)
    (local $p i32) (local $q i32) (local $rowEnd i32) (local $rowStart i32) (local $rowOut i32)
    local.get $rowBytes
    i32.const 2
    i32.mul
    local.set $rowOut
    local.get $dy
    local.set $p
    local.get $out
    local.set $q
    block  ;; label = @1
      loop  ;; label = @2
        local.get $p
        local.get $end
        i32.ge_u
        br_if 1 (;@1;)
        local.get $p
        local.get $rowBytes
        i32.add
        local.set $rowEnd
        local.get $q
        local.set $rowStart
        block  ;; label = @3
          loop  ;; label = @4
            local.get $p
            local.get $rowEnd
            i32.ge_u
            br_if 1 (;@3;)
            local.get $q
            local.get $p
            v128.load align=4
            f32.const 0x1p-2 (;=0.25;)
            f32x4.splat
            f32x4.mul
            v128.store align=4
            local.get $q
            local.get $p
            f32.load offset=16
            f32.const 0x1p-2 (;=0.25;)
            f32.mul
            f32.store offset=16
            local.get $q
            local.get $p
            f32.load offset=20
            f32.const 0x1p-2 (;=0.25;)
            f32.mul
            f32.store offset=20
            local.get $q
            local.get $p
            v128.load align=4
            f32.const 0x1p-2 (;=0.25;)
            f32x4.splat
            f32x4.mul
            v128.store offset=24 align=4
            local.get $q
            local.get $p
            f32.load offset=16
            f32.const 0x1p-2 (;=0.25;)
            f32.mul
            f32.store offset=40
            local.get $q
            local.get $p
            f32.load offset=20
            f32.const 0x1p-2 (;=0.25;)
            f32.mul
            f32.store offset=44
            local.get $p
            i32.const 24
            i32.add
            local.set $p
            local.get $q
            i32.const 48
            i32.add
            local.set $q
            br 0 (;@4;)
          end
        end
        local.get $q
        local.get $rowStart
        local.get $rowOut
        memory.copy
        local.get $q
        local.get $rowOut
        i32.add
        local.set $q
        br 0 (;@2;)
      end
    end)
  (export "f" (func $f)))

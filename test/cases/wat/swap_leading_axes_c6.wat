(module
  (type (;0;) (func (param i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $src i32) (param $dst i32) (param $a i32) (param $b i32)
    (local $i i32) (local $j i32) (local $s i32) (local $d i32) (local $stride i32)
    local.get $b
    i32.const 24
    i32.mul
    local.set $stride
    local.get $dst
    local.set $d
    i32.const 0
    local.set $j
    block  ;; label = @1
      loop  ;; label = @2
        local.get $j
        local.get $b
        i32.ge_u
        br_if 1 (;@1;)
        local.get $src
        local.get $j
        i32.const 24
        i32.mul
        i32.add
        local.set $s
        i32.const 0
        local.set $i
        block  ;; label = @3
          loop  ;; label = @4
            local.get $i
            local.get $a
            i32.ge_u
            br_if 1 (;@3;)
            local.get $d
            local.get $s
            v128.load align=4
            v128.store align=4
            local.get $d
            local.get $s
            f32.load offset=16
            f32.store offset=16
            local.get $d
            local.get $s
            f32.load offset=20
            f32.store offset=20
            local.get $s
            local.get $stride
            i32.add
            local.set $s
            local.get $d
            i32.const 24
            i32.add
            local.set $d
            local.get $i
            i32.const 1
            i32.add
            local.set $i
            br 0 (;@4;)
          end
        end
        local.get $j
        i32.const 1
        i32.add
        local.set $j
        br 0 (;@2;)
      end
    end)
  (export "f" (func $f)))

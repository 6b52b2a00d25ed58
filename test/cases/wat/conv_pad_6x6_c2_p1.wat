(module
  (type (;0;) (func (param i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $x i32) (param $xp i32) (param $n i32)
    (local $row i32) (local $rows i32) (local $to i32)
    local.get $xp
    i32.const 0
    local.get $n
    i32.const 512
    i32.mul
    memory.fill
    local.get $n
    i32.const 6
    i32.mul
    local.set $rows
    local.get $xp
    i32.const 72
    i32.add
    local.set $to
    block  ;; label = @1
      loop  ;; label = @2
        local.get $row
        local.get $rows
        i32.ge_u
        br_if 1 (;@1;)
        local.get $to
        local.get $x
        i32.const 48
        memory.copy
        local.get $x
        i32.const 48
        i32.add
        local.set $x
        local.get $to
        i32.const 64
        i32.add
        local.set $to
        local.get $row
        i32.const 1
        i32.add
        local.set $row
        local.get $row
        i32.const 6
        i32.rem_u
        i32.eqz
        if  ;; label = @3
          local.get $to
          i32.const 128
          i32.add
          local.set $to
        end
        br 0 (;@2;)
      end
    end)
  (export "f" (func $f)))

(module
  (type (;0;) (func (param i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $src i32) (param $dst i32) (param $n i32)
    (local $i i32)
    block  ;; label = @1
      loop  ;; label = @2
        local.get $i
        local.get $n
        i32.ge_u
        br_if 1 (;@1;)
        local.get $dst
        local.get $src
        i32.load
        i32.store
        local.get $dst
        local.get $src
        i32.load offset=4
        i32.store offset=12
        local.get $dst
        local.get $src
        i32.load offset=8
        i32.store offset=24
        local.get $dst
        local.get $src
        i32.load offset=12
        i32.store offset=36
        local.get $dst
        local.get $src
        i32.load offset=16
        i32.store offset=48
        local.get $dst
        local.get $src
        i32.load offset=20
        i32.store offset=4
        local.get $dst
        local.get $src
        i32.load offset=24
        i32.store offset=16
        local.get $dst
        local.get $src
        i32.load offset=28
        i32.store offset=28
        local.get $dst
        local.get $src
        i32.load offset=32
        i32.store offset=40
        local.get $dst
        local.get $src
        i32.load offset=36
        i32.store offset=52
        local.get $dst
        local.get $src
        i32.load offset=40
        i32.store offset=8
        local.get $dst
        local.get $src
        i32.load offset=44
        i32.store offset=20
        local.get $dst
        local.get $src
        i32.load offset=48
        i32.store offset=32
        local.get $dst
        local.get $src
        i32.load offset=52
        i32.store offset=44
        local.get $dst
        local.get $src
        i32.load offset=56
        i32.store offset=56
        local.get $src
        i32.const 60
        i32.add
        local.set $src
        local.get $dst
        i32.const 60
        i32.add
        local.set $dst
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br 0 (;@2;)
      end
    end)
  (export "f" (func $f)))

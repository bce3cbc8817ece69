// Package heldstr finds the strings reachable from a value that point
// into a buffer: the tests of extract.Detach and of the cache's decoding
// use it to show that events do not keep an article's text, or a cache
// row, alive.
package heldstr

import (
	"reflect"
	"unsafe"
)

// Into lists the non-empty strings reachable from v (through pointers,
// slices, maps, interfaces and struct fields, exported or not) whose bytes
// lie in buf.
func Into(v any, buf string) []string {
	base := uintptr(unsafe.Pointer(unsafe.StringData(buf)))
	var out []string
	seen := map[uintptr]bool{}
	var walk func(reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			s := v.String()
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			if s != "" && p >= base && p < base+uintptr(len(buf)) {
				out = append(out, s)
			}
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(it.Key())
				walk(it.Value())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(v))
	return out
}

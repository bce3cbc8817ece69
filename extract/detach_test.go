package extract

import (
	"encoding/json"
	"reflect"
	"testing"
	"unsafe"

	"khatt/corpus"
	"khatt/seeds"
)

// TestDetach: after Detach no string reachable from an article's events
// (found by reflection, so a field added later is checked too) points
// into the article's text, and every event reads as before.
func TestDetach(t *testing.T) {
	srcs, _ := corpus.Load([]corpus.Root{{FS: seeds.FS, Path: "."}})
	if len(srcs) == 0 {
		t.Fatal("no seeds")
	}
	inText := 0
	for i := range srcs {
		src := &srcs[i]
		evs := testX.Article(src)
		before, err := json.Marshal(evs)
		if err != nil {
			t.Fatal(err)
		}
		inText += len(stringsInto(evs, src.Text))
		Detach(evs, src.Text)
		if left := stringsInto(evs, src.Text); len(left) > 0 {
			t.Fatalf("%s: still in the text after Detach: %q", src.ID, left)
		}
		if after, _ := json.Marshal(evs); string(after) != string(before) {
			t.Fatalf("%s: the events changed:\n%s\n%s", src.ID, before, after)
		}
	}
	if inText == 0 {
		t.Fatal("no string pointed into a text before Detach: the test checks nothing")
	}
}

// stringsInto lists the strings reachable from v that point into text.
func stringsInto(v any, text string) []string {
	base := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	var out []string
	seen := map[uintptr]bool{}
	var walk func(reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			s := v.String()
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			if s != "" && p >= base && p < base+uintptr(len(text)) {
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
			for _, k := range v.MapKeys() {
				walk(k)
				walk(v.MapIndex(k))
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

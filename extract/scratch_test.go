package extract

import (
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"khatt/arabic"
	"khatt/corpus"
	"khatt/model"
	"khatt/seeds"
)

// TestSlabHandsOutZeroedValues: what a slab hands out after a reset is
// zero, whatever was written in it before, across chunk boundaries.
func TestSlabHandsOutZeroedValues(t *testing.T) {
	var s slab[frame]
	for round := 0; round < 3; round++ {
		n := slabChunk*2 + 5
		for i := 0; i < n; i++ {
			f := s.alloc()
			if f.s != nil || f.typ != 0 || f.agents != nil || f.lightAt != 0 || f.why != "" {
				t.Fatalf("round %d, value %d: not zero: %+v", round, i, *f)
			}
			f.why, f.lightAt, f.agents = "used", 7, []*Entity{{Name: "x"}}
		}
		s.reset()
	}
	if len(s.chunks) != 3 {
		t.Errorf("%d chunks for %d values a round: the room is not reused", len(s.chunks), slabChunk*2+5)
	}
}

// TestFoldsRemember: a remembered key is arabic.Fold's, held as a copy
// (never the article's text), and the memory stays bounded.
func TestFoldsRemember(t *testing.T) {
	var f folds
	text := "قال وزير الخارجيّة فؤاد حسين"
	name := text[len("قال "):]
	if got, want := f.fold(name), arabic.Fold(name); got != want {
		t.Fatalf("fold %q = %q, want %q", name, got, want)
	}
	for k, v := range f {
		if unsafe.StringData(k) == unsafe.StringData(name) || strings.Contains(text, v) && unsafe.StringData(v) == unsafe.StringData(text[strings.Index(text, v):]) {
			t.Errorf("the memo holds the article's own bytes: %q → %q", k, v)
		}
	}
	if again := f.fold(name); again != arabic.Fold(name) {
		t.Errorf("remembered %q, want %q", again, arabic.Fold(name))
	}
	for i := range maxFolds + 10 {
		f.fold(strconv.Itoa(i))
	}
	if len(f) > maxFolds {
		t.Errorf("%d names remembered, bound %d", len(f), maxFolds)
	}
}

// TestRoomHandsOutZeroedSlices: slices taken between resets do not
// overlap, and are zero whatever was written in the room before.
func TestRoomHandsOutZeroedSlices(t *testing.T) {
	var r room[int32]
	for round := 0; round < 3; round++ {
		var taken [][]int32
		for _, n := range []int{3, 0, roomChunk - 2, 5, roomChunk * 2, 1} {
			s := r.take(n)
			if len(s) != n || cap(s) != n {
				t.Fatalf("round %d: took %d, got len %d cap %d", round, n, len(s), cap(s))
			}
			for i, v := range s {
				if v != 0 {
					t.Fatalf("round %d: slice of %d has %d at %d", round, n, v, i)
				}
			}
			for i := range s {
				s[i] = int32(len(taken) + 1)
			}
			taken = append(taken, s)
		}
		for k, s := range taken {
			for _, v := range s {
				if v != int32(k+1) {
					t.Fatalf("round %d: slice %d was written over by another", round, k)
				}
			}
		}
		r.reset()
	}
}

// TestCandidatesSkipNothing: calling only the recognisers whose first
// test a token passes finds what calling every recogniser at every token
// finds, on the seeds and the held-out corpus.
func TestCandidatesSkipNothing(t *testing.T) {
	var srcs []model.Source
	for _, root := range []corpus.Root{{FS: seeds.FS, Path: "."}, {FS: os.DirFS("../testdata/heldout/articles"), Path: "."}} {
		s, _ := corpus.Load([]corpus.Root{root})
		srcs = append(srcs, s...)
	}
	if len(srcs) < 10 {
		t.Fatalf("%d articles: the corpora are not where the test looks", len(srcs))
	}
	extractAll := func() [][]Event {
		out := make([][]Event, len(srcs))
		for i := range srcs {
			src := srcs[i]
			out[i] = testX.Article(&src)
		}
		return out
	}
	got := extractAll()
	everyRecogniser = true
	defer func() { everyRecogniser = false }()
	want := extractAll()
	for i := range srcs {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s: the events differ when every recogniser is asked at every token", srcs[i].Path)
		}
	}
}

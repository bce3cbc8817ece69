package extract

import (
	"strings"

	"khatt/arabic"
	"khatt/lexicon"
)

// scratch is the room an article's extraction works in and drops when
// its events are out: its frames, its events before output, the entity
// phrases it found. An extractor keeps one per goroutine from article to
// article, so that the next article reuses the room instead of asking
// the collector for it (frames were the largest allocation of all).
type scratch struct {
	frames  slab[frame]
	events  slab[docEvent]
	entHits []lexicon.Match[*lexicon.Entity]
	folds   folds
	// titleWords and titleKey are the words of the title titled reads,
	// and their key.
	titleWords, titleKey []string
	// Each sentence's per-token tables (sent.entAt, sent.cand, the tokens
	// layers finds in names) are cut from these.
	int32s  room[int32]
	uint16s room[uint16]
	bools   room[bool]
	// mentions holds each sentence's entity mentions (sent.ments).
	mentions room[mention]
}

// room hands out zeroed slices cut from chunks it keeps for the current
// document (what the last one was given is written over after reset).
type room[T any] struct{ buf []T }

const roomChunk = 4096

func (r *room[T]) take(n int) []T {
	if cap(r.buf)-len(r.buf) < n {
		r.buf = make([]T, 0, max(n, roomChunk)) // the old chunk stays with whoever holds it
	}
	out := r.buf[len(r.buf) : len(r.buf)+n : len(r.buf)+n] // zero: new, or cleared by reset
	r.buf = r.buf[:len(r.buf)+n]
	return out
}

// reset makes the room free again, holding nothing it was given.
func (r *room[T]) reset() {
	clear(r.buf)
	r.buf = r.buf[:0]
}

// folds remembers names' matching keys (arabic.Fold) from article to
// article: the same outlets, bodies and people come back, and folding
// analyses every word again. It holds copies, never an article's text.
type folds map[string]string

// maxFolds bounds what folds keeps: a text of unique names stays small.
const maxFolds = 1 << 14

func (f *folds) fold(name string) string {
	if k, ok := (*f)[name]; ok {
		return k
	}
	k := arabic.Fold(name)
	if *f == nil || len(*f) >= maxFolds {
		*f = make(folds)
	}
	k = strings.Clone(k)
	(*f)[strings.Clone(name)] = k
	return k
}

// reset makes the room free for the next document, holding nothing of
// the last.
func (sc *scratch) reset() {
	sc.frames.reset()
	sc.events.reset()
	clear(sc.entHits)
	sc.entHits = sc.entHits[:0]
	sc.int32s.reset()
	sc.uint16s.reset()
	sc.bools.reset()
	sc.mentions.reset()
}

// slab hands out zeroed values of T from chunks it keeps.
type slab[T any] struct {
	chunks [][]T
	n      int // values handed out since the last reset
}

const slabChunk = 64

func (s *slab[T]) alloc() *T {
	c, i := s.n/slabChunk, s.n%slabChunk
	if c == len(s.chunks) {
		s.chunks = append(s.chunks, make([]T, slabChunk))
	}
	s.n++
	return &s.chunks[c][i] // zero: never handed out, or cleared by reset
}

// reset clears what was handed out (nothing it pointed to is kept) and
// makes it free again.
func (s *slab[T]) reset() {
	for c := 0; c*slabChunk < s.n; c++ {
		clear(s.chunks[c][:min(slabChunk, s.n-c*slabChunk)])
	}
	s.n = 0
}

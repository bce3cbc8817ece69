package cache

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"hash/maphash"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unsafe"

	"khatt/extract"
	"khatt/internal/par"
	"khatt/lexicon"
	"khatt/merge"
	"khatt/model"
)

// The merged timeline is written in a compact binary form of its own
// rather than with gob: it is read at every warm start and written after
// every cold one, and gob spends most of its time on time.Time values.
// Integers are varints, short strings are written once and referred to by
// number after, times are Unix nanoseconds in UTC. The layout is the
// cache's schema: change it with the schema constant, and
// TestCodecCoversTheModel fails when a model type gains a field.

type writer struct {
	b    []byte
	strs map[string]int
	// recent holds strings sym numbered, by where their bytes are: most
	// recur as the very same string (an article's sentence, its source
	// ID), found there without hashing their bytes again (nil: none).
	recent *[recentSyms]recentSym
	// ents numbers an article's entities as they are written: the
	// extractor shares one entity among the events that name it, written
	// once and then by its number (nil: each written in full).
	ents map[*extract.Entity]int
}

// pooled are the writers an article's rows are encoded with: an article
// is encoded on the core that extracted it, and a fresh writer grew its
// buffer from nothing each time (its copies were a quarter of a cold
// run's allocations).
var pooled = sync.Pool{New: func() any {
	return &writer{strs: map[string]int{}, ents: map[*extract.Entity]int{}, recent: new([recentSyms]recentSym)}
}}

const recentSyms = 64

type recentSym struct {
	s string // held: its bytes cannot be another string's while here
	n int    // its number + 1; 0: an empty slot
}

// encode runs fn on a pooled writer (numbering entities when ents is
// set) after the magic line, and returns a copy of what it wrote, of
// its size.
func encode(magic string, ents bool, fn func(w *writer)) []byte {
	p := pooled.Get().(*writer)
	w := &writer{b: append(p.b[:0], magic...), strs: p.strs, recent: p.recent}
	if ents {
		w.ents = p.ents
	}
	fn(w)
	out := slices.Clone(w.b)
	clear(p.strs)
	clear(p.ents)
	clear(p.recent[:])
	p.b = w.b
	if cap(p.b) > 1<<20 {
		p.b = nil // an outsized article's buffer is not kept
	}
	pooled.Put(p)
	return out
}

func (w *writer) int(v int64) { w.b = binary.AppendVarint(w.b, v) }
func (w *writer) uint(v int)  { w.b = binary.AppendUvarint(w.b, uint64(v)) }
func (w *writer) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}
func (w *writer) float(v float64) {
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(v))
}

// str writes a string.
func (w *writer) str(s string) {
	w.uint(len(s))
	w.b = append(w.b, s...)
}

// sym writes a string that recurs (a source ID, a name): once, then as its
// number.
func (w *writer) sym(s string) {
	var slot *recentSym
	if w.recent != nil {
		slot = &w.recent[(uintptr(unsafe.Pointer(unsafe.StringData(s)))>>3^uintptr(len(s)))%recentSyms]
		if slot.n > 0 && len(slot.s) == len(s) && unsafe.StringData(slot.s) == unsafe.StringData(s) {
			w.uint(slot.n)
			return
		}
	}
	i, ok := w.strs[s]
	if !ok {
		i = len(w.strs)
		w.strs[s] = i
		w.uint(0)
		w.str(s)
	} else {
		w.uint(i + 1)
	}
	if slot != nil {
		*slot = recentSym{s, i + 1}
	}
}

func (w *writer) time(t time.Time) {
	switch {
	case t.IsZero():
		w.b = append(w.b, 0)
	case t.Location() == time.UTC && t.Year() > 1678 && t.Year() < 2262:
		// (Unix nanoseconds hold the years 1678 to 2262; an undated
		// visit's bounds, a day around the zero time, do not fit.)
		w.b = append(w.b, 1)
		w.int(t.UnixNano())
	default:
		w.b = append(w.b, 2)
		bin, _ := t.MarshalBinary()
		w.uint(len(bin))
		w.b = append(w.b, bin...)
	}
}

func (w *writer) date(d model.Date) {
	w.time(d.Start)
	w.time(d.End)
	w.int(int64(d.Precision))
	w.time(d.Earliest)
	w.time(d.Latest)
	w.int(int64(d.Modifier))
	w.sym(d.TimeOfDay)
	w.str(d.Expr)
	w.int(int64(d.Basis.Kind))
	w.sym(d.Basis.Source)
	w.time(d.Basis.Anchor)
	w.int(int64(d.Basis.Sentence))
	w.str(d.Basis.Event)
}

func (w *writer) mention(m *model.Mention) {
	w.sym(m.Source)
	w.sym(m.Sentence)
	w.int(int64(m.Start))
	w.int(int64(m.End))
	w.sym(m.Trigger)
	w.sym(m.Place)
	w.str(m.Number)
	w.int(int64(m.Status))
	w.sym(m.Attribution)
	w.sym(m.Speaker)
}

// writeEvents writes a timeline's events to out, a chunk at a time:
// the encoded timeline of a big corpus (a gigabyte at 100k articles) is
// never whole in memory. The events come in chunks of eventsPerChunk, each
// with its own table of recurring strings, its length and its checksum in
// front, so that chunks are decoded on every core, and one at a time while
// an export writes them (their checksums are checked before the first is).
func writeEvents(out io.Writer, evs []model.Event) error {
	head := &writer{}
	head.b = append(head.b, eventsMagic...)
	head.uint(len(evs))
	if _, err := out.Write(head.b); err != nil {
		return err
	}
	w := &writer{b: make([]byte, 0, 256<<10), recent: new([recentSyms]recentSym)}
	for lo := 0; lo < len(evs); lo += eventsPerChunk {
		hi := min(lo+eventsPerChunk, len(evs))
		w.b, w.strs = w.b[:0], map[string]int{}
		clear(w.recent[:])
		w.uint(hi - lo)
		for i := lo; i < hi; i++ {
			w.event(&evs[i])
		}
		head.b = binary.AppendUvarint(head.b[:0], uint64(len(w.b)))
		head.b = binary.LittleEndian.AppendUint32(head.b, crc32.Checksum(w.b, castagnoli))
		if _, err := out.Write(head.b); err != nil {
			return err
		}
		if _, err := out.Write(w.b); err != nil {
			return err
		}
	}
	return nil
}

const eventsMagic = "khatt-events-5\n"

// eventsPerChunk is the number of events a timeline chunk holds.
const eventsPerChunk = 1024

var castagnoli = crc32.MakeTable(crc32.Castagnoli) // in hardware on most machines

func (w *writer) event(e *model.Event) {
	w.str(e.ID)
	w.int(int64(e.Type))
	w.date(e.Date)
	w.uint(len(e.Actors))
	for _, a := range e.Actors {
		w.sym(a.Name)
		w.sym(string(a.Kind))
	}
	w.sym(e.Place)
	w.str(e.Summary)
	w.int(int64(e.Status))
	w.float(e.Confidence)
	w.mentions(e.Mentions)
	w.conflicts(e.Conflicts)
}

type reader struct {
	b    []byte
	strs []string
	err  error
	// ents holds an article's entities by their encoding: the extractor
	// shares one entity among the events that name it, and so do the
	// events decoded (nil: every occurrence decoded on its own).
	ents map[string]*extract.Entity
	// named are the actors and places read so far, by their number (see
	// writer.namedEntity).
	named []*extract.Entity
	// slabs, when set, are what a chunk's events' lists are cut from
	// (nil: each event's lists are refilled in place, see eachInChunk).
	slabs *slabs
	// shared interns symbols (names, keys, words) and lexicon entries
	// across the articles decoded (nil: not).
	shared *interner
}

// interner shares, across the articles of a corpus, the strings and the
// lexicon entries that every article repeats: decoded separately they
// were a third of the events' memory. It holds copies (never a row's
// bytes), short strings only, and a bounded number of them.
type interner struct {
	// Strings in shards by hash, each with its own lock: every decoding
	// core asks for each symbol of each article.
	shards [internShards]struct {
		mu   sync.Mutex
		strs map[string]string
	}
	seed  maphash.Seed
	mu    sync.Mutex // for known
	known map[knownKey]*lexicon.Entity
}

const internShards = 16

type knownKey struct {
	name, kind, standsFor, in, key, latin string
	acts                                  bool
}

var shared = func() *interner {
	in := &interner{seed: maphash.MakeSeed(), known: map[knownKey]*lexicon.Entity{}}
	for i := range in.shards {
		in.shards[i].strs = map[string]string{}
	}
	return in
}()

// internLimit bounds what the interner holds; past it, strings are kept
// as they are.
const internLimit = 1 << 18

func (in *interner) str(s string) string {
	if len(s) > 64 {
		return s
	}
	sh := &in.shards[maphash.String(in.seed, s)%internShards]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if x, ok := sh.strs[s]; ok {
		return x
	}
	if len(sh.strs) >= internLimit/internShards {
		return s
	}
	x := strings.Clone(s)
	sh.strs[x] = x
	return x
}

// entry returns the one lexicon entry equal to k, whose strings are
// interned already.
func (in *interner) entry(k *lexicon.Entity) *lexicon.Entity {
	key := func() knownKey {
		return knownKey{k.Name, string(k.Kind), k.StandsFor, k.In, k.Key, strings.Join(k.Latin, "\x00"), k.Acts}
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if x, ok := in.known[key()]; ok {
		return x
	}
	if len(in.known) >= internLimit {
		return k
	}
	// Shared from now on: none of its strings may be a row's (a long one
	// is not interned), for the row's article would move it (Detach), and
	// the table's key must not hold a row either.
	k.Name, k.Kind, k.StandsFor = strings.Clone(k.Name), model.ActorKind(strings.Clone(string(k.Kind))), strings.Clone(k.StandsFor)
	k.In, k.Key = strings.Clone(k.In), strings.Clone(k.Key)
	for i := range k.Latin {
		k.Latin[i] = strings.Clone(k.Latin[i])
	}
	in.known[key()] = k
	return k
}

var errShort = errors.New("truncated timeline")

func (r *reader) fail() {
	if r.err == nil {
		r.err = errShort
	}
	r.b = nil
}

func (r *reader) int() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) uint() int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > uint64(len(r.b))+1<<20 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) float() float64 {
	if len(r.b) < 8 {
		r.fail()
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

func (r *reader) str() string {
	n := r.uint()
	if n > len(r.b) {
		r.fail()
		return ""
	}
	if n == 0 {
		return ""
	}
	// The string shares the blob's bytes, which nothing writes again (a
	// file or a row read for this decode): decoding copies nothing, and the
	// blob is the memory of the strings it holds.
	s := unsafe.String(&r.b[0], n)
	r.b = r.b[n:]
	return s
}

func (r *reader) sym() string {
	i := r.uint()
	if i > 0 {
		if i-1 >= len(r.strs) {
			r.fail()
			return ""
		}
		return r.strs[i-1]
	}
	s := r.str()
	if r.shared != nil {
		s = r.shared.str(s)
	}
	r.strs = append(r.strs, s)
	return s
}

func (r *reader) time() time.Time {
	switch r.byte() {
	case 0:
		return time.Time{}
	case 1:
		return time.Unix(0, r.int()).UTC()
	case 2:
		n := r.uint()
		if n > len(r.b) {
			r.fail()
			return time.Time{}
		}
		var t time.Time
		if err := t.UnmarshalBinary(r.b[:n]); err != nil {
			r.fail()
			return time.Time{}
		}
		r.b = r.b[n:]
		return t
	}
	r.fail()
	return time.Time{}
}

func (r *reader) date() model.Date {
	var d model.Date
	d.Start = r.time()
	d.End = r.time()
	d.Precision = model.Precision(r.int())
	d.Earliest = r.time()
	d.Latest = r.time()
	d.Modifier = model.Modifier(r.int())
	d.TimeOfDay = r.sym()
	d.Expr = r.str()
	d.Basis.Kind = model.BasisKind(r.int())
	d.Basis.Source = r.sym()
	d.Basis.Anchor = r.time()
	d.Basis.Sentence = int(r.int())
	d.Basis.Event = r.str()
	return d
}

func (r *reader) mention() model.Mention {
	var m model.Mention
	m.Source = r.sym()
	m.Sentence = r.sym()
	m.Start = int(r.int())
	m.End = int(r.int())
	m.Trigger = r.sym()
	m.Place = r.sym()
	m.Number = r.str()
	m.Status = model.Status(r.int())
	m.Attribution = r.sym()
	m.Speaker = r.sym()
	return m
}

func (w *writer) mentions(ms []model.Mention) {
	w.uint(len(ms))
	for j := range ms {
		w.mention(&ms[j])
	}
}

func (w *writer) conflicts(cs []model.Conflict) {
	w.uint(len(cs))
	for _, c := range cs {
		w.sym(c.Field)
		w.str(c.A.Value)
		w.mention(&c.A.Mention)
		w.str(c.B.Value)
		w.mention(&c.B.Mention)
	}
}

func (r *reader) mentions() []model.Mention {
	k := r.uint()
	if k == 0 {
		return nil
	}
	return r.mentionsOnto(make([]model.Mention, 0, min(k, 1<<16)), k)
}

// mentionsOnto reads k mentions onto out.
func (r *reader) mentionsOnto(out []model.Mention, k int) []model.Mention {
	for j := 0; j < k && r.err == nil; j++ {
		out = append(out, r.mention())
	}
	return out
}

// actorsOnto reads k actors of a merged event onto out.
func (r *reader) actorsOnto(out []model.Actor, k int) []model.Actor {
	for j := 0; j < k && r.err == nil; j++ {
		out = append(out, model.Actor{Name: r.sym(), Kind: model.ActorKind(r.sym())})
	}
	return out
}

func (r *reader) conflicts() []model.Conflict {
	k := r.uint()
	if k == 0 {
		return nil
	}
	return r.conflictsOnto(make([]model.Conflict, 0, min(k, 1024)), k)
}

// conflictsOnto reads k conflicts onto out.
func (r *reader) conflictsOnto(out []model.Conflict, k int) []model.Conflict {
	for j := 0; j < k && r.err == nil; j++ {
		var c model.Conflict
		c.Field = r.sym()
		c.A.Value = r.str()
		c.A.Mention = r.mention()
		c.B.Value = r.str()
		c.B.Mention = r.mention()
		out = append(out, c)
	}
	return out
}

// newReader checks a blob's magic line (what says what it is not) and
// reads the rest.
func newReader(b []byte, magic, what string) (*reader, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, errors.New(what)
	}
	return &reader{b: b[len(magic):]}, nil
}

// end reports a read's error, or bytes left after what it read.
func (r *reader) end(what string) error {
	if r.err == nil && len(r.b) != 0 {
		r.err = errors.New("trailing bytes after the " + what)
	}
	return r.err
}

// Stored is a timeline as writeEvents wrote it, its chunks checked and
// not yet decoded: they are decoded when asked for, all at once (All) or
// a chunk an event at a time (Each), so that an export never holds the
// whole timeline's events.
type Stored struct {
	Total  int // events
	chunks [][]byte
}

// splitEvents checks what writeEvents wrote (its framing and every chunk's
// checksum) and splits it into its chunks; a truncated or foreign blob is
// an error, never a panic.
func splitEvents(b []byte) (*Stored, error) {
	r, err := newReader(b, eventsMagic, "not a timeline")
	if err != nil {
		return nil, err
	}
	st := &Stored{Total: r.uint()}
	var sums []uint32
	for len(r.b) > 0 && r.err == nil {
		size := r.uint()
		if r.err != nil || len(r.b) < 4 || size > len(r.b)-4 {
			return nil, errShort
		}
		sums = append(sums, binary.LittleEndian.Uint32(r.b))
		st.chunks = append(st.chunks, r.b[4:4+size])
		r.b = r.b[4+size:]
	}
	if r.err != nil {
		return nil, r.err
	}
	// The checksums on every core; each chunk's event count too, checked
	// against the total so that a file that lost chunks whole is refused
	// before any is used.
	counts := make([]int, len(st.chunks))
	bad := make([]bool, len(st.chunks))
	par.Each(len(st.chunks), func(k int) {
		c := &reader{b: st.chunks[k]}
		counts[k] = c.uint()
		bad[k] = c.err != nil || crc32.Checksum(st.chunks[k], castagnoli) != sums[k]
	})
	n := 0
	for k := range st.chunks {
		if bad[k] {
			return nil, errors.New("a timeline chunk does not match its checksum")
		}
		n += counts[k]
	}
	if n != st.Total {
		return nil, errShort
	}
	return st, nil
}

// Chunks is the number of chunks.
func (st *Stored) Chunks() int { return len(st.chunks) }

// Each gives the events of chunk k to fn one after another, decoded into
// one event that fn is done with before the next (from any goroutine).
func (st *Stored) Each(k int, fn func(*model.Event)) error { return eachInChunk(st.chunks[k], fn) }

// All decodes every chunk, on every core.
func (st *Stored) All() ([]model.Event, error) {
	parts := make([][]model.Event, len(st.chunks))
	errs := make([]error, len(st.chunks))
	par.Each(len(st.chunks), func(k int) { parts[k], errs[k] = decodeChunk(st.chunks[k]) })
	evs := make([]model.Event, 0, min(st.Total, 1<<20))
	for k := range parts {
		if errs[k] != nil {
			return nil, errs[k]
		}
		evs = append(evs, parts[k]...)
	}
	if len(evs) != st.Total {
		return nil, errShort
	}
	return evs, nil
}

func decodeChunk(b []byte) ([]model.Event, error) {
	r := &reader{b: b, slabs: &slabs{}}
	n := r.uint()
	evs := make([]model.Event, 0, min(n, eventsPerChunk))
	for i := 0; i < n && r.err == nil; i++ {
		var e model.Event
		r.timelineEvent(&e)
		evs = append(evs, e)
	}
	if err := r.end("timeline"); err != nil {
		return nil, err
	}
	return evs, nil
}

// eachInChunk reads a chunk's events one after another into one event,
// its lists refilled in place, and gives it to fn, which is done with it
// before the next: nothing is allocated per event.
func eachInChunk(b []byte, fn func(*model.Event)) error {
	r := &reader{b: b}
	n := r.uint()
	var e model.Event
	for i := 0; i < n && r.err == nil; i++ {
		r.timelineEvent(&e)
		if r.err == nil {
			fn(&e)
		}
	}
	return r.end("timeline")
}

// timelineEvent reads one event of a timeline chunk into e: into e's own
// lists (emptied first), or, when the reader has slabs, into new ones cut
// from them.
func (r *reader) timelineEvent(e *model.Event) {
	e.ID = r.str()
	e.Type = model.EventType(r.int())
	e.Date = r.date()
	e.Actors = list(e.Actors, r.slabs.actors(), r.uint(), r.actorsOnto)
	e.Place = r.sym()
	e.Summary = r.str()
	e.Status = model.Status(r.int())
	e.Confidence = r.float()
	e.Mentions = list(e.Mentions, r.slabs.mentions(), r.uint(), r.mentionsOnto)
	e.Conflicts = list(e.Conflicts, r.slabs.conflicts(), r.uint(), r.conflictsOnto)
}

// slabs are what the lists of a chunk's events are cut from: one
// allocation for many events, which live and go together.
type slabs struct {
	a []model.Actor
	m []model.Mention
	c []model.Conflict
}

func (s *slabs) actors() *[]model.Actor {
	if s == nil {
		return nil
	}
	return &s.a
}

func (s *slabs) mentions() *[]model.Mention {
	if s == nil {
		return nil
	}
	return &s.m
}

func (s *slabs) conflicts() *[]model.Conflict {
	if s == nil {
		return nil
	}
	return &s.c
}

// list reads k items with read: onto own (emptied) without a slab, else
// onto the free end of the slab (a new one when it has not the room; past
// its room append moves it, and what was cut before stays), capped so
// that an append to one event's list never reaches the next's.
func list[T any](own []T, slab *[]T, k int, read func([]T, int) []T) []T {
	if slab == nil {
		return read(own[:0], k)
	}
	if k == 0 {
		return nil
	}
	if cap(*slab)-len(*slab) < k {
		*slab = make([]T, 0, max(min(k, 1<<16), 1024))
	}
	from := len(*slab)
	*slab = read(*slab, k)
	return (*slab)[from:len(*slab):len(*slab)]
}

// encodeSource writes a source without its text.
func encodeSource(src *model.Source) []byte {
	return encode("khatt-source-1\n", false, func(w *writer) { w.source(src) })
}

func (w *writer) source(src *model.Source) {
	w.str(src.ID)
	w.str(src.Path)
	w.str(src.Title)
	w.str(src.Outlet)
	w.str(src.URL)
	w.date(src.Published)
	w.str(src.Lang)
	keys := make([]string, 0, len(src.Extra))
	for k := range src.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	w.uint(len(keys))
	for _, k := range keys {
		w.str(k)
		w.str(src.Extra[k])
	}
	w.int(int64(src.BodyStart))
	w.str(src.Hash)
}

// decodeSource reads what encodeSource wrote.
func decodeSource(b []byte) (model.Source, error) {
	var src model.Source
	r, err := newReader(b, "khatt-source-1\n", "not a source")
	if err != nil {
		return src, err
	}
	src.ID = r.str()
	src.Path = r.str()
	src.Title = r.str()
	src.Outlet = r.str()
	src.URL = r.str()
	src.Published = r.date()
	src.Lang = r.str()
	if n := r.uint(); n > 0 {
		src.Extra = make(map[string]string, min(n, 256))
		for i := 0; i < n && r.err == nil; i++ {
			k := r.str()
			src.Extra[k] = r.str()
		}
	}
	src.BodyStart = int(r.int())
	src.Hash = r.str()
	return src, r.end("source")
}

// maxDepth bounds the nesting of collective actors a blob may claim.
const maxDepth = 8

// namedEntity writes an event's actor or place: 0 for none, 1 and the
// entity the first time, its number plus 2 after that.
func (w *writer) namedEntity(e *extract.Entity) {
	if e == nil {
		w.uint(0)
		return
	}
	if i, ok := w.ents[e]; ok {
		w.uint(i + 2)
		return
	}
	w.ents[e] = len(w.ents)
	w.uint(1)
	w.entity(e)
}

func (w *writer) entity(e *extract.Entity) {
	if e == nil {
		w.b = append(w.b, 0)
		return
	}
	w.b = append(w.b, 1)
	w.sym(e.Name)
	w.sym(e.Key)
	w.sym(string(e.Kind))
	w.sym(e.Country)
	if k := e.Known; k != nil {
		w.b = append(w.b, 1)
		w.sym(k.Name)
		w.sym(string(k.Kind))
		w.sym(k.StandsFor)
		w.sym(k.In)
		w.sym(k.Key)
		w.uint(len(k.Latin))
		for _, l := range k.Latin {
			w.sym(l)
		}
		w.bool(k.Acts)
	} else {
		w.b = append(w.b, 0)
	}
	w.bool(e.Role)
	w.uint(len(e.Members))
	for _, m := range e.Members {
		w.entity(m)
	}
	w.bool(e.Unnamed)
	w.bool(e.Acts)
}

func (r *reader) bool() bool {
	switch r.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail()
	return false
}

// namedEntity reads what writer.namedEntity wrote.
func (r *reader) namedEntity() *extract.Entity {
	i := r.uint()
	switch {
	case r.err != nil || i == 0:
		return nil
	case i == 1:
		e := r.entity(0)
		if e == nil {
			r.fail() // announced, not there
			return nil
		}
		r.named = append(r.named, e)
		return e
	case i-2 < len(r.named):
		return r.named[i-2]
	}
	r.fail()
	return nil
}

func (r *reader) entity(depth int) *extract.Entity {
	if depth > 0 || r.ents == nil {
		return r.entityOnce(depth)
	}
	from := r.b
	e := r.entityOnce(depth)
	if e == nil || r.err != nil {
		return e
	}
	enc := unsafe.String(unsafe.SliceData(from), len(from)-len(r.b))
	if same := r.ents[enc]; same != nil {
		return same
	}
	r.ents[enc] = e
	return e
}

func (r *reader) entityOnce(depth int) *extract.Entity {
	if !r.bool() || r.err != nil {
		return nil
	}
	if depth > maxDepth {
		r.fail()
		return nil
	}
	e := &extract.Entity{Name: r.sym(), Key: r.sym(), Kind: model.ActorKind(r.sym()), Country: r.sym()}
	if r.bool() {
		k := &lexicon.Entity{Name: r.sym(), Kind: model.ActorKind(r.sym()), StandsFor: r.sym(), In: r.sym(), Key: r.sym()}
		if n := r.uint(); n > 0 {
			k.Latin = make([]string, 0, min(n, 64))
			for i := 0; i < n && r.err == nil; i++ {
				k.Latin = append(k.Latin, r.sym())
			}
		}
		k.Acts = r.bool()
		if r.shared != nil && r.err == nil {
			k = r.shared.entry(k)
		}
		e.Known = k
	}
	e.Role = r.bool()
	if n := r.uint(); n > 0 {
		e.Members = make([]*extract.Entity, 0, min(n, 64))
		for i := 0; i < n && r.err == nil; i++ {
			e.Members = append(e.Members, r.entityOnce(depth+1))
		}
	}
	e.Unnamed = r.bool()
	e.Acts = r.bool()
	return e
}

// encodeArticle writes one article's events as the extractor gave them
// (what the merge needs of each).
func encodeArticle(evs []extract.Event) []byte {
	return encode("khatt-article-3\n", true, func(w *writer) { w.articleEvents(evs) })
}

func (w *writer) articleEvents(evs []extract.Event) {
	w.uint(len(evs))
	for i := range evs {
		e := &evs[i]
		w.int(int64(e.Type))
		w.uint(len(e.Actors))
		for _, a := range e.Actors {
			w.namedEntity(a)
		}
		w.int(int64(e.Agents))
		w.namedEntity(e.Place)
		w.date(e.Date)
		w.int(int64(e.Strength))
		w.bool(e.Depart)
		w.int(int64(e.Status))
		w.bool(e.Phone)
		w.bool(e.Summit)
		w.bool(e.Host)
		w.int(int64(e.Sides))
		w.mentions(e.Mentions)
		w.str(e.Gist)
		w.uint(len(e.Words))
		for _, k := range e.Words {
			w.sym(k)
		}
		w.float(e.Confidence)
		w.sym(e.Source)
		w.conflicts(e.Conflicts)
		w.int(int64(e.Anchor))
	}
}

// decodeArticle reads what encodeArticle wrote; damage is an error.
func decodeArticle(b []byte) ([]extract.Event, error) {
	r, err := newReader(b, "khatt-article-3\n", "not an article's events")
	if err != nil {
		return nil, err
	}
	r.ents, r.shared = map[string]*extract.Entity{}, shared
	n := r.uint()
	evs := make([]extract.Event, 0, min(n, 1<<16))
	for i := 0; i < n && r.err == nil; i++ {
		var e extract.Event
		e.Type = model.EventType(r.int())
		if k := r.uint(); k > 0 {
			e.Actors = make([]*extract.Entity, 0, min(k, 256))
			for j := 0; j < k && r.err == nil; j++ {
				e.Actors = append(e.Actors, r.namedEntity())
			}
		}
		e.Agents = int(r.int())
		e.Place = r.namedEntity()
		e.Date = r.date()
		e.Strength = int(r.int())
		e.Depart = r.bool()
		e.Status = model.Status(r.int())
		e.Phone = r.bool()
		e.Summit = r.bool()
		e.Host = r.bool()
		e.Sides = int(r.int())
		e.Mentions = r.mentions()
		e.Gist = r.str()
		if k := r.uint(); k > 0 {
			e.Words = make([]string, 0, min(k, 1024))
			for j := 0; j < k && r.err == nil; j++ {
				e.Words = append(e.Words, r.sym())
			}
			if !slices.IsSorted(e.Words) { // not written by khatt: set in order
				slices.Sort(e.Words)
			}
			e.Words = slices.Compact(e.Words)
		}
		e.Confidence = r.float()
		e.Source = r.sym()
		e.Conflicts = r.conflicts()
		e.Anchor = int(r.int())
		evs = append(evs, e)
	}
	if err := r.end("events"); err != nil {
		return nil, err
	}
	return evs, nil
}

// encodeForms writes what the merge's clustering reads of each of an
// article's events (merge.Form), so that a corpus whose articles are
// cached is clustered again without decoding their events.
func encodeForms(fs []merge.Form) []byte {
	return encode(formsMagic, false, func(w *writer) { w.forms(fs) })
}

const formsMagic = "khatt-forms-1\n"

func (w *writer) forms(fs []merge.Form) {
	w.uint(len(fs))
	for i := range fs {
		f := &fs[i]
		w.int(int64(f.Type))
		for _, b := range [...]bool{f.Phone, f.Summit, f.Host, f.Placed, f.AtPlace} {
			w.bool(b)
		}
		w.int(int64(f.Sides))
		w.int(int64(f.Anchor))
		w.sym(f.PlaceKey)
		w.sym(f.Country)
		w.time(f.Lo)
		w.time(f.Hi)
		for _, list := range [...][]string{f.Keys, f.Agents, f.Parties, f.Words} {
			w.uint(len(list))
			for _, s := range list {
				w.sym(s)
			}
		}
	}
}

// decodeForms reads what encodeForms wrote; damage is an error. Its
// strings share the row's bytes (a kilobyte or two), held while the
// forms are.
func decodeForms(b []byte) ([]merge.Form, error) {
	r, err := newReader(b, formsMagic, "not an article's forms")
	if err != nil {
		return nil, err
	}
	var slab []string
	fs := r.forms(&slab)
	if err := r.end("forms"); err != nil {
		return nil, err
	}
	return fs, nil
}

// forms reads what writer.forms wrote, the lists cut from slab (refilled
// when short).
func (r *reader) forms(slab *[]string) []merge.Form {
	n := r.uint()
	if n == 0 || r.err != nil {
		return []merge.Form{}
	}
	fs := make([]merge.Form, 0, min(n, 1<<16))
	for i := 0; i < n && r.err == nil; i++ {
		var f merge.Form
		f.Type = model.EventType(r.int())
		for _, b := range [...]*bool{&f.Phone, &f.Summit, &f.Host, &f.Placed, &f.AtPlace} {
			*b = r.bool()
		}
		f.Sides = int(r.int())
		f.Anchor = int(r.int())
		f.PlaceKey = r.sym()
		f.Country = r.sym()
		f.Lo = r.time()
		f.Hi = r.time()
		for _, list := range [...]*[]string{&f.Keys, &f.Agents, &f.Parties, &f.Words} {
			if k := r.uint(); k > 0 {
				if cap(*slab)-len(*slab) < k {
					*slab = make([]string, 0, max(k, 1024))
				}
				from := len(*slab)
				for j := 0; j < k && r.err == nil; j++ {
					*slab = append(*slab, r.sym())
				}
				*list = (*slab)[from:len(*slab):len(*slab)]
			}
		}
		fs = append(fs, f)
	}
	return fs
}

// formsWriter writes the forms of a corpus's articles (each by its
// Known; its events are not written), for the corpus to be merged again
// once it changes without reading each article's forms from the
// database: in chunks of articles, each with its table of strings (a key
// named by thousands of reports is written once a chunk), its length and
// its checksum in front, decoded on every core. Articles are added as
// they come, from any goroutine, in any order; only a chunk is held.
type formsWriter struct {
	mu   sync.Mutex
	out  io.Writer
	w    writer
	n    int // articles in the chunk
	head []byte
	err  error
}

// newFormsWriter starts writing a corpus's forms with the chunks of
// another's (what readCorpusForms read: nil, none).
func newFormsWriter(out io.Writer, chunksOf []byte) *formsWriter {
	fw := &formsWriter{out: out, w: writer{b: make([]byte, 0, 64<<10), strs: map[string]int{}, recent: new([recentSyms]recentSym)}}
	_, fw.err = io.WriteString(out, corpusFormsMagic)
	if fw.err == nil && len(chunksOf) > len(corpusFormsMagic) {
		_, fw.err = out.Write(chunksOf[len(corpusFormsMagic):])
	}
	return fw
}

// add writes an article's forms (nil: none known, nothing written).
func (fw *formsWriter) add(known string, forms []merge.Form) {
	if forms == nil {
		return
	}
	fw.mu.Lock()
	defer fw.mu.Unlock()
	fw.w.str(known)
	fw.w.forms(forms)
	if fw.n++; fw.n == formsPerChunk {
		fw.flush()
	}
}

// flush writes the chunk: its article count, then what was added.
func (fw *formsWriter) flush() {
	if fw.n == 0 {
		return
	}
	body := binary.AppendUvarint(nil, uint64(fw.n))
	body = append(body, fw.w.b...)
	fw.head = binary.AppendUvarint(fw.head[:0], uint64(len(body)))
	fw.head = binary.LittleEndian.AppendUint32(fw.head, crc32.Checksum(body, castagnoli))
	if fw.err == nil {
		_, fw.err = fw.out.Write(fw.head)
	}
	if fw.err == nil {
		_, fw.err = fw.out.Write(body)
	}
	fw.w.b, fw.n = fw.w.b[:0], 0
	clear(fw.w.strs)
	clear(fw.w.recent[:])
}

// close writes the last chunk and returns the first error.
func (fw *formsWriter) close() error {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	fw.flush()
	return fw.err
}

const corpusFormsMagic = "khatt-corpus-forms-1\n"

// formsPerChunk is the number of articles a chunk of corpus forms holds.
const formsPerChunk = 256

// readCorpusForms reads what a formsWriter wrote, by each article's
// Known (an article written twice: the last), and counts the articles
// written; damage anywhere is an error. The strings share b.
func readCorpusForms(b []byte) (map[string][]merge.Form, int, error) {
	r, err := newReader(b, corpusFormsMagic, "not a corpus's forms")
	if err != nil {
		return nil, 0, err
	}
	var chunks [][]byte
	var sums []uint32
	for len(r.b) > 0 && r.err == nil {
		size := r.uint()
		if r.err != nil || len(r.b) < 4 || size > len(r.b)-4 {
			return nil, 0, errShort
		}
		sums = append(sums, binary.LittleEndian.Uint32(r.b))
		chunks = append(chunks, r.b[4:4+size])
		r.b = r.b[4+size:]
	}
	if r.err != nil {
		return nil, 0, r.err
	}
	type article struct {
		known string
		forms []merge.Form
	}
	parts := make([][]article, len(chunks))
	errs := make([]error, len(chunks))
	par.Each(len(chunks), func(k int) {
		if crc32.Checksum(chunks[k], castagnoli) != sums[k] {
			errs[k] = errors.New("a chunk of corpus forms does not match its checksum")
			return
		}
		c := &reader{b: chunks[k]}
		n := c.uint()
		var slab []string
		for i := 0; i < n && c.err == nil; i++ {
			known := c.str()
			parts[k] = append(parts[k], article{known, c.forms(&slab)})
		}
		errs[k] = c.end("corpus forms")
	})
	if err := errors.Join(errs...); err != nil {
		return nil, 0, err
	}
	out := map[string][]merge.Form{}
	n := 0
	for _, p := range parts {
		for _, a := range p {
			out[a.known] = a.forms
		}
		n += len(p)
	}
	return out, n, nil
}

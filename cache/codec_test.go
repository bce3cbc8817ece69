package cache

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"khatt/corpus"
	"khatt/extract"
	"khatt/internal/heldstr"
	"khatt/lexicon"
	"khatt/merge"
	"khatt/model"
	"khatt/seeds"
)

// seedArticles is the seeds and each one's events as the extractor gives
// them.
func seedArticles() ([]model.Source, [][]extract.Event) {
	srcs, _ := corpus.Load([]corpus.Root{{FS: seeds.FS, Path: "."}})
	x := extract.New(lexicon.Default())
	per := make([][]extract.Event, len(srcs))
	for i := range srcs {
		per[i] = x.Article(&srcs[i])
	}
	return srcs, per
}

// seedEvents merges the seeds' events (the timeline package, which uses
// this one, is not imported).
func seedEvents(t *testing.T) []model.Event {
	t.Helper()
	_, per := seedArticles()
	evs := merge.Events(per)
	if len(evs) == 0 {
		t.Fatal("no events in the seeds")
	}
	return evs
}

// TestCodecRoundTrip: the seeds' timeline, and events with every kind of
// value (a time in another zone, conflicts, empty lists), come back equal.
func TestCodecRoundTrip(t *testing.T) {
	evs := seedEvents(t)
	cairo := time.FixedZone("", 2*3600) // MarshalBinary keeps the offset, not the name
	m := model.Mention{Source: "s", Sentence: "جملة", Start: 3, End: 9, Trigger: "زار", Place: "بغداد", Number: "الرابعة",
		Status: model.Planned, Attribution: "named", Speaker: "المتحدث"}
	d := model.Date{Start: time.Date(2021, 7, 27, 0, 0, 0, 0, time.UTC), Earliest: time.Date(2021, 7, 20, 10, 0, 0, 0, cairo),
		Modifier: model.Approx, TimeOfDay: "evening", Expr: "مساء الثلاثاء",
		Basis: model.Basis{Kind: model.BasisKind(2), Source: "s", Anchor: time.Date(2021, 7, 28, 0, 0, 0, 0, time.UTC), Sentence: 4, Event: "الزيارة"}}
	evs = append(evs, model.Event{ID: "x", Type: model.Talks, Date: d, Mentions: []model.Mention{m, m},
		Conflicts:  []model.Conflict{{Field: "date", A: model.Side{Value: "a", Mention: m}, B: model.Side{Value: "b", Mention: m}}},
		Confidence: 0.37}, model.Event{})
	got, err := decodeEvents(encodeEvents(evs))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, evs) {
		for i := range evs {
			if !reflect.DeepEqual(got[i], evs[i]) {
				t.Fatalf("event %d differs:\n got %+v\nwant %+v", i, got[i], evs[i])
			}
		}
		t.Fatal("the timelines differ")
	}
}

// TestCodecCoversTheModel fails when a model type the codec writes gains
// or loses a field: the codec (and the schema constant) must follow.
func TestCodecCoversTheModel(t *testing.T) {
	for _, c := range []struct {
		v any
		n int
	}{
		{model.Event{}, 10}, {model.Mention{}, 10}, {model.Date{}, 9}, {model.Basis{}, 5},
		{model.Actor{}, 2}, {model.Conflict{}, 3}, {model.Side{}, 2}, {model.Source{}, 11},
	} {
		if got := reflect.TypeOf(c.v).NumField(); got != c.n {
			t.Errorf("%T has %d fields, the codec writes %d: update cache/codec.go and the schema", c.v, got, c.n)
		}
	}
}

// TestCodecRefusesDamage: every truncation of a timeline, and bytes that
// are not one, give an error, never a panic or a wrong timeline.
func TestCodecRefusesDamage(t *testing.T) {
	b := encodeEvents(seedEvents(t)[:6])
	for n := 0; n < len(b); n += 1 + n/50 {
		if _, err := decodeEvents(b[:n]); err == nil {
			t.Fatalf("a timeline cut at %d of %d bytes was read", n, len(b))
		}
	}
	bad := append([]byte(nil), b...)
	bad = append(bad, 0)
	if _, err := decodeEvents(bad); err == nil {
		t.Error("trailing bytes were accepted")
	}
	if _, err := decodeEvents([]byte(eventsMagic + "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01")); err == nil {
		t.Error("an absurd count was accepted")
	}
}

func TestSourceCodec(t *testing.T) {
	src := model.Source{ID: "a~2", Path: "/x/a.txt", Title: "عنوان", Outlet: "الجريدة", URL: "https://x", Lang: "ar",
		Published: model.DayOf(2021, 7, 27), Extra: map[string]string{"author": "فلان", "z": "1"}, BodyStart: 40, Hash: "abc",
		Text: "not kept"}
	got, err := decodeSource(encodeSource(&src))
	src.Text = ""
	if err != nil || !reflect.DeepEqual(got, src) {
		t.Errorf("got %+v, %v", got, err)
	}
	b := encodeSource(&src)
	for n := 0; n < len(b); n++ {
		if _, err := decodeSource(b[:n]); err == nil {
			t.Fatalf("a source cut at %d bytes was read", n)
		}
	}
}

// TestArticleCodec: each seed's events as the extractor gives them come
// back equal (but for the unexported matching words of entities), and
// every truncation is refused.
func TestArticleCodec(t *testing.T) {
	srcs, per := seedArticles()
	for i, evs := range per {
		b := encodeArticle(evs)
		got, err := decodeArticle(b)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(evs) {
			t.Fatalf("%s: %d events back, want %d", srcs[i].Path, len(got), len(evs))
		}
		for j := range evs {
			if a, b := fmt.Sprintf("%+v", flat(evs[j])), fmt.Sprintf("%+v", flat(got[j])); a != b {
				t.Fatalf("%s: event %d differs:\n got %s\nwant %s", srcs[i].Path, j, b, a)
			}
		}
		// An entity the extractor shares among events is written once
		// and shared again when read.
		for j := 1; j < len(evs); j++ {
			for k, a := range evs[j].Actors {
				if k < len(evs[0].Actors) && a == evs[0].Actors[k] && got[j].Actors[k] != got[0].Actors[k] {
					t.Errorf("%s: event %d's actor %d is event 0's, but not once read", srcs[i].Path, j, k)
				}
			}
		}
		for n := 0; n < len(b); n += 1 + n/40 {
			if _, err := decodeArticle(b[:n]); err == nil {
				t.Fatalf("a truncation at %d of %d bytes was accepted", n, len(b))
			}
		}
	}
	for _, c := range []struct {
		v any
		n int
	}{{extract.Event{}, 19}, {extract.Entity{}, 10}, {lexicon.Entity{}, 7}} {
		if got := reflect.TypeOf(c.v).NumField(); got != c.n {
			t.Errorf("%T has %d fields, the codec writes %d: update cache/codec.go and the schema", c.v, got, c.n)
		}
	}
}

// TestDecodedArticleKeepsNoRow: decoded events share no bytes with the
// row they were read from (Decode keeps copies of what they quote), so
// a corpus's rows are not all held until the merge.
func TestDecodedArticleKeepsNoRow(t *testing.T) {
	srcs, per := seedArticles()
	checked := 0
	for i := range per {
		b := encodeArticle(per[i])
		row := unsafe.String(unsafe.SliceData(b), len(b))
		plain, err := decodeArticle(b)
		if err != nil {
			t.Fatal(err)
		}
		checked += len(heldstr.Into(plain, row))
		a := &Article{raw: b}
		evs, err := a.Decode()
		if err != nil {
			t.Fatal(err)
		}
		if held := heldstr.Into(evs, row); len(held) > 0 {
			t.Fatalf("%s: decoded events still hold the row: %q", srcs[i].Path, held[:min(len(held), 5)])
		}
		for j := range evs {
			if a, b := fmt.Sprintf("%+v", flat(plain[j])), fmt.Sprintf("%+v", flat(evs[j])); a != b {
				t.Fatalf("%s: event %d changed:\n%s\n%s", srcs[i].Path, j, a, b)
			}
		}
	}
	if checked == 0 {
		t.Fatal("decoding shared no bytes with the row to begin with: the test checks nothing")
	}
}

// flat is an event with its entities written out (pointers compared by
// what they point to).
func flat(e extract.Event) string {
	ent := func(x *extract.Entity) string {
		if x == nil {
			return "<nil>"
		}
		s := fmt.Sprintf("%s|%s|%s|%s|%v|%v|%v|%d", x.Name, x.Key, x.Kind, x.Country, x.Role, x.Unnamed, x.Acts, len(x.Members))
		if x.Known != nil {
			s += fmt.Sprintf("|%+v", *x.Known)
		}
		for _, m := range x.Members {
			s += "[" + m.Name + "]"
		}
		return s
	}
	var actors []string
	for _, a := range e.Actors {
		actors = append(actors, ent(a))
	}
	place := ent(e.Place)
	e.Actors, e.Place = nil, nil
	return fmt.Sprintf("%+v %v %s", e, actors, place)
}

// TestWriteEventsStreams: the timeline written in pieces is the timeline
// encoded whole, and a failing writer's error comes back.
func TestWriteEventsStreams(t *testing.T) {
	var evs []model.Event
	for i := 0; i < 3000; i++ {
		evs = append(evs, model.Event{ID: fmt.Sprintf("v-%d", i), Summary: strings.Repeat("زيارة ", 20),
			Actors: []model.Actor{{Name: "الرئيس", Kind: model.Person}}, Mentions: []model.Mention{{Source: "a", Sentence: "زار"}}})
	}
	whole := encodeEvents(evs)
	if len(whole) < 3*64<<10 {
		t.Fatalf("%d bytes: too few to be written in pieces", len(whole))
	}
	var pieces [][]byte
	if err := writeEvents(writerFunc(func(b []byte) (int, error) {
		pieces = append(pieces, bytes.Clone(b))
		return len(b), nil
	}), evs); err != nil {
		t.Fatal(err)
	}
	if len(pieces) < 3 || !bytes.Equal(bytes.Join(pieces, nil), whole) {
		t.Fatalf("%d pieces, equal to the whole: %v", len(pieces), bytes.Equal(bytes.Join(pieces, nil), whole))
	}
	got, err := decodeEvents(whole)
	if err != nil || len(got) != len(evs) || got[2999].ID != "v-2999" || got[5].Actors[0].Name != "الرئيس" {
		t.Fatalf("decoded %d events, %v", len(got), err)
	}
	// Cut at any piece's end (between chunks too), the timeline is refused.
	cut := 0
	for _, p := range pieces[:len(pieces)-1] {
		cut += len(p)
		if _, err := decodeEvents(whole[:cut]); err == nil {
			t.Fatalf("a timeline cut at %d of %d bytes, between pieces, was read", cut, len(whole))
		}
	}
	boom := errors.New("disk full")
	if err := writeEvents(writerFunc(func([]byte) (int, error) { return 0, boom }), evs); !errors.Is(err, boom) {
		t.Fatalf("got %v, want the writer's error", err)
	}

	// Stored: the chunks one at a time are the timeline; a byte changed in
	// any chunk is found before any is used.
	st, err := splitEvents(whole)
	if err != nil || st.Chunks() != 3 || st.Total != len(evs) {
		t.Fatalf("split: %v chunks, %v", st, err)
	}
	var one []model.Event
	for k := st.Chunks() - 1; k >= 0; k-- { // in any order, from any goroutine
		evs, err := decodeChunk(st.chunks[k])
		if err != nil {
			t.Fatal(err)
		}
		one = append(evs, one...)
	}
	if !reflect.DeepEqual(one, got) {
		t.Error("the chunks decoded one at a time are not the timeline")
	}
	for _, at := range []int{len(whole) / 5, len(whole) / 2, len(whole) - 3} {
		bad := bytes.Clone(whole)
		bad[at] ^= 0x20
		if _, err := splitEvents(bad); err == nil {
			t.Errorf("a timeline with byte %d of %d changed was taken", at, len(whole))
		}
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// decodeEvents reads what writeEvents wrote, its chunks on every core.
func decodeEvents(b []byte) ([]model.Event, error) {
	st, err := splitEvents(b)
	if err != nil {
		return nil, err
	}
	return st.All()
}

// encodeEvents is a timeline as writeEvents writes it, in memory.
func encodeEvents(evs []model.Event) []byte {
	var b bytes.Buffer
	writeEvents(&b, evs) // a bytes.Buffer takes every write
	return b.Bytes()
}

// TestBadTimeIsAnError: a time in another zone whose bytes do not decode
// is an error, not a panic (found by FuzzDecode).
func TestBadTimeIsAnError(t *testing.T) {
	r := &reader{b: []byte{2, 3, 'x', 'y', 'z', 0}}
	if got := r.time(); !got.IsZero() || r.err == nil {
		t.Errorf("got %v, %v; want an error", got, r.err)
	}
}

// TestFormsCodec: the forms of the seeds' events come back equal; every
// truncation is an error; a field added to merge.Form fails here until
// the codec (and the schema) follow.
func TestFormsCodec(t *testing.T) {
	_, per := seedArticles()
	for _, evs := range per {
		fs := merge.FormsOf(evs)
		b := encodeForms(fs)
		got, err := decodeForms(b)
		if err != nil || !reflect.DeepEqual(got, fs) {
			t.Fatalf("forms: %v, equal %v", err, reflect.DeepEqual(got, fs))
		}
		for n := 0; n < len(b); n += 1 + n/40 {
			if _, err := decodeForms(b[:n]); err == nil {
				t.Fatalf("forms cut at %d of %d bytes were read", n, len(b))
			}
		}
	}
	if n := reflect.TypeOf(merge.Form{}).NumField(); n != 16 {
		t.Errorf("merge.Form has %d fields, the codec writes 16: update encodeForms and the schema", n)
	}
}

// TestGroupsCodec: groups come back as written; damage to any byte is
// refused (a wrong group would take one event for another).
func TestGroupsCodec(t *testing.T) {
	groups := []merge.Group{{1, 2, 3}, {4}, {}}
	b := encodeGroups(groups)
	if got, err := decodeGroups(b); err != nil || !reflect.DeepEqual(got, groups) {
		t.Fatalf("groups: %v %v", got, err)
	}
	for i := range b {
		bad := bytes.Clone(b)
		bad[i] ^= 0x10
		if _, err := decodeGroups(bad); err == nil {
			t.Fatalf("groups damaged at byte %d were read", i)
		}
	}
	if _, err := decodeGroups(b[:len(b)-1]); err == nil {
		t.Error("truncated groups were read")
	}
}

// TestCorpusFormsInChunks: a corpus's forms, added from several
// goroutines past a chunk's worth, come back by their article.
func TestCorpusFormsInChunks(t *testing.T) {
	_, per := seedArticles()
	var b bytes.Buffer
	fw := newFormsWriter(&b, nil)
	want := map[string][]merge.Form{}
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range formsPerChunk {
				fs := merge.FormsOf(per[i%len(per)])
				fw.add(fmt.Sprint(g, "/", i), fs)
			}
		}()
		for i := range formsPerChunk {
			want[fmt.Sprint(g, "/", i)] = merge.FormsOf(per[i%len(per)])
		}
	}
	wg.Wait()
	if err := fw.close(); err != nil {
		t.Fatal(err)
	}
	got, written, err := readCorpusForms(b.Bytes())
	if err != nil || !reflect.DeepEqual(got, want) || written != len(want) {
		t.Fatalf("%d articles' forms of %d (%d written), %v", len(got), len(want), written, err)
	}
	// Written again with those chunks and one article more (and one again).
	var again bytes.Buffer
	fw = newFormsWriter(&again, b.Bytes())
	fw.add("new", []merge.Form{})
	fw.add("0/1", merge.FormsOf(per[0]))
	if err := fw.close(); err != nil {
		t.Fatal(err)
	}
	want["new"], want["0/1"] = []merge.Form{}, merge.FormsOf(per[0])
	if got, written, err := readCorpusForms(again.Bytes()); err != nil || !reflect.DeepEqual(got, want) || written != len(want)+1 {
		t.Fatalf("written again: %d articles' forms of %d (%d written), %v", len(got), len(want), written, err)
	}
	// Cut anywhere, it is refused, or (cut between chunks) reads fewer
	// articles, each right: an article not found is read from the database.
	for n := 0; n < b.Len(); n += 1 + n/20 {
		part, _, err := readCorpusForms(b.Bytes()[:n])
		if err != nil {
			continue
		}
		for k, fs := range part {
			if !reflect.DeepEqual(fs, want[k]) {
				t.Fatalf("corpus forms cut at %d of %d bytes gave wrong forms for %s", n, b.Len(), k)
			}
		}
	}
}

// TestSymbols: recurring strings are written once and then by number,
// whether they recur as the very same string, an equal copy or an empty
// one, and each comes back as it was.
func TestSymbols(t *testing.T) {
	text := "قال الوزير إن الزيارة مهمة"
	same := text[4:10]
	want := []string{"", same, text[4:10], strings.Clone(same), "", "x", text, "", text, text[:0], same}
	for _, round := range []string{"fresh", "pooled again"} {
		b := encode("sym\n", false, func(w *writer) {
			for _, s := range want {
				w.sym(s)
			}
		})
		r := &reader{b: b[len("sym\n"):]}
		for i, w := range want {
			if got := r.sym(); got != w || r.err != nil {
				t.Fatalf("%s: symbol %d = %q (%v), want %q", round, i, got, r.err, w)
			}
		}
		if n := strings.Count(string(b), same); n != 2 { // in itself and in text
			t.Errorf("%s: %q written %d times, want once on its own", round, same, n)
		}
	}
}

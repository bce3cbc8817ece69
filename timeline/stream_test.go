package timeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"khatt/i18n"
	"khatt/model"
)

// TestPipe: what work writes comes out in order whatever order the
// workers finish in, and the first error stops it.
func TestPipe(t *testing.T) {
	const n = 200
	var got []byte
	err := pipe(n, 0, func(k int, buf *bytes.Buffer) error {
		time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
		fmt.Fprintf(buf, "%d,", k)
		return nil
	}, func(b []byte) error {
		got = append(got, b...)
		return nil
	})
	var want bytes.Buffer
	for k := range n {
		fmt.Fprintf(&want, "%d,", k)
	}
	if err != nil || string(got) != want.String() {
		t.Fatalf("out of order or failed (%v): %.60s", err, got)
	}
	boom := errors.New("boom")
	outs := 0
	err = pipe(n, 16, func(k int, buf *bytes.Buffer) error {
		if k == 50 {
			return boom
		}
		return nil
	}, func([]byte) error { outs++; return nil })
	if !errors.Is(err, boom) || outs != 50 {
		t.Errorf("work's error: %v after %d outputs, want boom after 50", err, outs)
	}
	outs = 0
	err = pipe(n, 16, func(int, *bytes.Buffer) error { return nil }, func([]byte) error {
		if outs++; outs == 7 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || outs != 7 {
		t.Errorf("out's error: %v after %d outputs", err, outs)
	}
}

// TestStreamedExportIsTheExport: json and jsonl written from a stream
// (the cache's stored timeline, decoded a chunk at a time, or events in
// memory), with and without a filter, are the export of the loaded
// timeline byte for byte.
func TestStreamedExportIsTheExport(t *testing.T) {
	dir := copySeeds(t)
	c := testCache(t)
	filters := []Filter{{}, {Types: []model.EventType{model.Statement}}, {MinConfidence: 2}}
	for _, run := range []string{"cold", "warm"} {
		sc := Scan(PathRoots([]string{dir}))
		tl, s := LoadStream(sc, LoadOptions{Cache: c})
		if (run == "warm") != (tl.Events == nil) {
			t.Errorf("%s: events in memory %v; want the stored timeline left on disk when warm only", run, tl.Events != nil)
		}
		plain := Load(PathRoots([]string{dir}), LoadOptions{})
		if len(plain.Events) == 0 {
			t.Fatal("no events in the seeds: the test checks nothing")
		}
		for _, f := range filters {
			for _, format := range []string{"json", "jsonl"} {
				var want, got bytes.Buffer
				if err := Write(&want, format, plain, f.Apply(plain.Events), i18n.Arabic); err != nil {
					t.Fatal(err)
				}
				if err := WriteStream(&got, format, tl, s, f); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Errorf("%s, %s, filter %+v: the streamed export differs", run, format, f)
				}
			}
		}
	}
	// Many chunks, the first ones wholly filtered out: the document is
	// the same (its first event has no comma before it).
	tl := Load(PathRoots([]string{dir}), LoadOptions{})
	var many []model.Event
	for len(many) < 3*sliceChunk {
		many = append(many, tl.Events...)
	}
	for i := range many {
		many[i].Confidence = float64(i) / float64(len(many))
	}
	f := Filter{MinConfidence: 0.4}
	// The reference is encoding/json's, not the writers' own.
	kept := f.Apply(many)
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(NewExport(&model.Timeline{Sources: tl.Sources, Events: kept}))
	var got bytes.Buffer
	if err := WriteStream(&got, "json", tl, SliceStream(many), f); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("json of %d events in chunks of %d: the streamed export differs", len(many), sliceChunk)
	}
	want.Reset()
	enc = json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	for _, e := range kept {
		enc.Encode(ExportEventOf(e))
	}
	got.Reset()
	if err := WriteStream(&got, "jsonl", tl, SliceStream(many), f); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("jsonl of %d events in chunks of %d: the streamed export differs", len(many), sliceChunk)
	}
	if Streams("md") || !Streams("jsonl") {
		t.Error("Streams: md is not written from a stream; jsonl is")
	}
}

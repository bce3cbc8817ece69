package timeline

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"

	"khatt/model"
	"khatt/seeds"
)

func seedTimeline(t testing.TB) *model.Timeline {
	t.Helper()
	tl := LoadTimeline([]Root{{FS: seeds.FS, Path: "."}}, DefaultLexicon())
	if len(tl.Problems) > 0 || len(tl.Sources) != 5 {
		t.Fatalf("seeds: %d sources, problems %v", len(tl.Sources), tl.Problems)
	}
	return tl
}

func TestExportJSON(t *testing.T) {
	tl := seedTimeline(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, tl); err != nil {
		t.Fatal(err)
	}
	var x Export
	if err := json.Unmarshal(buf.Bytes(), &x); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, s := range tl.Sources {
		texts[s.ID] = s.Text
	}
	for _, s := range x.Sources {
		if s.ID == "" || s.Path == "" || !regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})?$`).MatchString(s.Published) {
			t.Errorf("source %+v", s)
		}
	}
	formats := map[string]*regexp.Regexp{
		"day": regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`), "month": regexp.MustCompile(`^\d{4}-\d{2}$`),
		"year": regexp.MustCompile(`^\d{4}$`), "unknown": regexp.MustCompile(`^$`),
	}
	ids := map[string]bool{}
	for i, e := range x.Events {
		if ids[e.ID] {
			t.Errorf("duplicate event id %s", e.ID)
		}
		ids[e.ID] = true
		if re, ok := formats[e.Precision]; !ok || !re.MatchString(e.Date) {
			t.Errorf("event %s: date %q does not match precision %q", e.ID, e.Date, e.Precision)
		}
		if len(e.Actors) == 0 || len(e.Mentions) == 0 || e.Summary == "" {
			t.Errorf("event %s lacks actors, mentions or summary", e.ID)
		}
		for _, m := range e.Mentions {
			if texts[m.Source][m.Start:m.End] != m.Sentence {
				t.Errorf("event %s: mention text differs from %s[%d:%d]", e.ID, m.Source, m.Start, m.End)
			}
		}
		if i > 0 && tl.Events[i].Date.Before(tl.Events[i-1].Date) {
			t.Errorf("events out of order at %d", i)
		}
	}
}

func TestExportIsStableAcrossRuns(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteJSON(&a, seedTimeline(t)); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b, seedTimeline(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs over the same corpus export differently")
	}
}

// TestJSONIsWrittenAsOneDocument: the JSON export, written source by source
// and event by event, is byte for byte the indented encoding of the whole
// Export document, for the seeds and for an empty timeline.
func TestJSONIsWrittenAsOneDocument(t *testing.T) {
	tl := LoadTimeline([]Root{{FS: seeds.FS, Path: "."}}, DefaultLexicon())
	for _, tt := range []*model.Timeline{tl, {}} {
		var streamed, whole bytes.Buffer
		if err := WriteJSON(&streamed, tt); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&whole)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(NewExport(tt)); err != nil {
			t.Fatal(err)
		}
		if streamed.String() != whole.String() {
			t.Errorf("%d events: the streamed document differs from the whole one", len(tt.Events))
		}
	}
}

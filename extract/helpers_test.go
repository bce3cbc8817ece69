package extract

import (
	"strings"
	"testing"

	"khatt/corpus"
	"khatt/lexicon"
	"khatt/model"
)

var testX = New(lexicon.Default())

// article extracts the events of a text published on pub (YYYY-MM-DD).
func article(t *testing.T, pub, text string) []Event {
	t.Helper()
	meta := map[string]string{}
	if pub != "" {
		meta["published"] = pub
	}
	src, err := corpus.ParseArticle("t.txt", []byte(text), meta)
	if err != nil {
		t.Fatal(err)
	}
	return testX.Article(&src)
}

// names lists an event's actors by name.
func names(e Event) []string {
	var out []string
	for _, a := range e.Actors {
		out = append(out, a.Name)
	}
	return out
}

func has(list []string, want string) bool {
	for _, x := range list {
		if strings.Contains(x, want) {
			return true
		}
	}
	return false
}

// only returns the events of one type.
func only(evs []Event, typ model.EventType) []Event {
	var out []Event
	for _, e := range evs {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

// one expects exactly one event of the type and returns it.
func one(t *testing.T, evs []Event, typ model.EventType) Event {
	t.Helper()
	got := only(evs, typ)
	if len(got) != 1 {
		t.Fatalf("%d %s events, want 1: %s", len(got), typ, describe(evs))
	}
	return got[0]
}

// noEvent expects no event of the type.
func noEvent(t *testing.T, evs []Event, typ model.EventType) {
	t.Helper()
	if got := only(evs, typ); len(got) != 0 {
		t.Fatalf("%d %s events, want none: %s", len(got), typ, describe(evs))
	}
}

func describe(evs []Event) string {
	var b strings.Builder
	for _, e := range evs {
		b.WriteString("\n  ")
		b.WriteString(e.Type.String())
		b.WriteString(" ")
		b.WriteString(strings.Join(names(e), "، "))
		if e.Place != nil {
			b.WriteString(" @" + e.Place.Name)
		}
		b.WriteString(" " + e.Date.String() + " " + e.Status.String())
		for _, m := range e.Mentions {
			b.WriteString(" «" + m.Sentence + "»")
		}
	}
	return b.String()
}

// firstTold returns the event whose first mention holds text, or fails.
func firstTold(t *testing.T, evs []Event, text string) Event {
	t.Helper()
	for _, e := range evs {
		if strings.Contains(e.Mentions[0].Sentence, text) {
			return e
		}
	}
	t.Fatalf("no event first told in «…%s…»: %s", text, describe(evs))
	return Event{}
}

// withStatus returns the events of one status.
func withStatus(evs []Event, st model.Status) []Event {
	var out []Event
	for _, e := range evs {
		if e.Status == st {
			out = append(out, e)
		}
	}
	return out
}

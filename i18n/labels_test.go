package i18n

import "testing"

func TestArabicCounts(t *testing.T) {
	for n, want := range map[int]string{0: "0 أحداث", 1: "حدث واحد", 2: "حدثان", 3: "3 أحداث", 10: "10 أحداث", 11: "11 حدثًا", 32: "32 حدثًا", 103: "103 أحداث"} {
		if got := Arabic.EventsCount(n); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
	if English.EventsCount(1) != "1 event" || English.SourcesCount(5) != "5 sources" {
		t.Error("english plurals")
	}
}

func TestTablesAreComplete(t *testing.T) {
	for _, l := range []Labels{Arabic, English} {
		if len(l.Types) != 3 || len(l.Precision) != 4 || len(l.Fields) != 5 || l.Basis == nil || l.Comma == "" {
			t.Errorf("%s: incomplete table", l.Lang)
		}
		for _, k := range []string{"up", "down", "search", "filter", "quit", "help", "open"} {
			if l.Keys[k] == "" {
				t.Errorf("%s: no label for key %q", l.Lang, k)
			}
		}
	}
	if _, err := For("fr"); err == nil {
		t.Error("unknown language accepted")
	}
}

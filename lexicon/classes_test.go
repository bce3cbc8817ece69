package lexicon

import (
	"testing"
	"testing/fstest"

	"khatt/arabic"
)

var fixedForTest = NewWordSet("وزير", "السفير")

// classed tokenizes s with the lexicon's classifier, as the extractor does.
func classed(lx *Lexicon, s string) []arabic.Token {
	return arabic.Tokenize(nil, s, 0, len(s), &arabic.Cache{Classifier: lx.Classifier()})
}

// The class bits answer exactly as the word-by-word lookup does, for cue
// sets, fixed sets and phrase tables (with suffixes), and a token another
// lexicon classified is looked up word by word.
func TestClassesAgreeWithLookup(t *testing.T) {
	lx := Default()
	other, err := Load(fstest.MapFS{"cues.txt": {Data: []byte("[anaphor]\nالمسؤول\n")}})
	if err != nil {
		t.Fatal(err)
	}
	text := "وقال الوزير والسفير إن الرئيس زار بغداد أمس، وزيارته الأولى منذ شهرين التقى خلالها المسؤولين واجتماعاتهم وستصل غدا في يوليو المسؤول"
	plain := toks(text)
	sets := []WordSet{lx.Set("anaphor"), lx.Set("yesterday"), lx.Set("tomorrow"), lx.Set("institution"), fixedForTest, other.Set("anaphor"), lx.Set("no such section")}
	groups := []AnyOf{NewAnyOf(lx.Set("yesterday"), lx.Set("tomorrow")), NewAnyOf(fixedForTest, lx.Set("anaphor")), NewAnyOf(lx.Set("anaphor"), other.Set("anaphor")),
		NewAnyOf(lx.Set("yesterday"), fixedForTest).OrStarts(&lx.Months, &lx.Weekdays, &lx.Numbers),
		NewAnyOf(lx.Set("tomorrow")).OrStarts(&lx.Months, &other.Triggers)}
	tableHits := 0
	for _, tk := range [][]arabic.Token{classed(lx, text), classed(other, text)} {
		hits := 0
		for i := range tk {
			if tk[i].ClassedBy == nil && tk[i].Kind != arabic.Punct {
				t.Fatalf("token %q not classified", tk[i].Raw)
			}
			for k, s := range sets {
				_, want := plain[i].In(s.words)
				if got := s.Has(&tk[i]); got != want {
					t.Errorf("set %d, %q: Has %v, lookup %v", k, tk[i].Raw, got, want)
				}
				if want {
					hits++
				}
			}
			for k, g := range groups {
				want := false
				for _, s := range g.sets {
					_, ok := plain[i].In(s.words)
					want = want || ok
				}
				for _, m := range g.starts {
					if m.Starts(&plain[i]) {
						want = true
						tableHits++
					}
				}
				if got := g.Has(&tk[i]); got != want {
					t.Errorf("group %d, %q: Has %v, lookup %v", k, tk[i].Raw, got, want)
				}
			}
			for _, m := range []interface{ Starts(*arabic.Token) bool }{&lx.Triggers, &lx.Months, &lx.Entities, &other.Triggers} {
				if got, want := m.Starts(&tk[i]), m.Starts(&plain[i]); got != want {
					t.Errorf("%q: Starts %v, unclassified %v", tk[i].Raw, got, want)
				}
			}
		}
		if hits < 5 || tableHits < 2 {
			t.Errorf("only %d set hits, %d table hits: the test text no longer exercises the sets", hits, tableHits)
		}
	}
	if !lx.Triggers.Starts(&classed(lx, "وزيارته")[0]) {
		t.Error("a trigger with a suffix must start a phrase")
	}
}

package timeline_test

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"khatt/model"
	"khatt/seeds"
	"khatt/timeline"
)

// goldFile is a hand annotation of a corpus (see testdata/gold/seeds.json).
type goldFile struct {
	Events []goldEvent `json:"events"`
}

type goldEvent struct {
	Type     string   `json:"type"`
	Actors   []string `json:"actors"`
	Date     []string `json:"date"`
	Planned  bool     `json:"planned"`
	Mentions []struct {
		Source string `json:"source"`
		Quote  string `json:"quote"`
	} `json:"mentions"`
}

// scores are the extractor's figures against a gold annotation.
type scores struct {
	precision, recall, xref, dates float64
	report                         string
}

type sentKey struct {
	source string
	start  int
}

// evaluate matches predicted events to gold ones: a pair matches when the
// types agree, they share a reporting sentence, and they share an actor.
// Each gold event matches at most one predicted event, and the other way
// round (greedy, by the number of shared sentences).
func evaluate(t *testing.T, tl *model.Timeline, goldPath string) scores {
	t.Helper()
	data, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("%s: %v", goldPath, err)
	}
	sentences := map[string][]timeline.Sentence{}
	srcByPrefix := func(p string) *model.Source {
		for i := range tl.Sources {
			if strings.HasPrefix(tl.Sources[i].ID, p) {
				return &tl.Sources[i]
			}
		}
		t.Fatalf("%s: no source %q", goldPath, p)
		return nil
	}
	locate := func(src, quote string) sentKey {
		s := srcByPrefix(src)
		if _, ok := sentences[s.ID]; !ok {
			sentences[s.ID] = timeline.Segment(s.Text, s.BodyStart)
		}
		at := strings.Index(s.Text, quote)
		if at < 0 {
			t.Fatalf("%s: quote not in %s: %q", goldPath, s.ID, quote)
		}
		for _, sn := range sentences[s.ID] {
			if at >= sn.Start && at < sn.End {
				return sentKey{s.ID, sn.Start}
			}
		}
		t.Fatalf("%s: quote outside any sentence of %s: %q", goldPath, s.ID, quote)
		return sentKey{}
	}
	goldSents := make([]map[sentKey]bool, len(g.Events))
	for i, ge := range g.Events {
		goldSents[i] = map[sentKey]bool{}
		for _, m := range ge.Mentions {
			goldSents[i][locate(m.Source, m.Quote)] = true
		}
	}
	type pair struct{ gi, pi, shared int }
	var pairs []pair
	for gi, ge := range g.Events {
		for pi, pe := range tl.Events {
			if pe.Type.String() != ge.Type || !actorsOverlap(ge.Actors, pe.Actors) {
				continue
			}
			shared := 0
			for _, m := range pe.Mentions {
				if goldSents[gi][sentKey{m.Source, m.Start}] {
					shared++
				}
			}
			if shared > 0 {
				pairs = append(pairs, pair{gi, pi, shared})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].shared > pairs[j].shared })
	goldTo, predTo := map[int]int{}, map[int]int{}
	for _, p := range pairs {
		_, g1 := goldTo[p.gi]
		_, p1 := predTo[p.pi]
		if !g1 && !p1 {
			goldTo[p.gi], predTo[p.pi] = p.pi, p.gi
		}
	}
	var rep strings.Builder
	found, total, datesOK := 0, 0, 0
	for gi, ge := range g.Events {
		pi, ok := goldTo[gi]
		total += len(goldSents[gi])
		if !ok {
			fmt.Fprintf(&rep, "MISSED  %s %v %v (%d mentions)\n", ge.Type, ge.Actors, ge.Date, len(goldSents[gi]))
			continue
		}
		pe := tl.Events[pi]
		got := 0
		for _, m := range pe.Mentions {
			if goldSents[gi][sentKey{m.Source, m.Start}] {
				got++
			}
		}
		found += got
		dateOK := false
		for _, d := range ge.Date {
			if d == pe.Date.String() {
				dateOK = true
			}
		}
		if dateOK {
			datesOK++
		}
		if got < len(goldSents[gi]) || !dateOK {
			fmt.Fprintf(&rep, "PARTIAL %s %v: %d/%d mentions, date %q want %v\n", ge.Type, ge.Actors, got, len(goldSents[gi]), pe.Date.String(), ge.Date)
		}
	}
	for pi, pe := range tl.Events {
		if _, ok := predTo[pi]; !ok {
			fmt.Fprintf(&rep, "EXTRA   %s %s %s (%s)\n", pe.Type, pe.Date.String(), pe.Summary, mentionList(pe))
		}
	}
	s := scores{report: rep.String()}
	s.precision = ratio(len(predTo), len(tl.Events))
	s.recall = ratio(len(goldTo), len(g.Events))
	s.xref = ratio(found, total)
	s.dates = ratio(datesOK, len(goldTo))
	return s
}

func mentionList(e model.Event) string {
	var parts []string
	for _, m := range e.Mentions {
		parts = append(parts, fmt.Sprintf("%s@%d", m.Source[:3], m.Start))
	}
	return strings.Join(parts, " ")
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// actorsOverlap reports whether one gold actor (any of its |-separated
// spellings) names one predicted actor, after folding.
func actorsOverlap(gold []string, pred []model.Actor) bool {
	for _, g := range gold {
		for _, alt := range strings.Split(g, "|") {
			fa := timeline.Fold(alt)
			for _, p := range pred {
				fp := timeline.Fold(p.Name)
				if fa == fp || strings.Contains(fp, fa) || strings.Contains(fa, fp) {
					return true
				}
			}
		}
	}
	return false
}

func checkScores(t *testing.T, name string, s scores, floor float64) {
	t.Helper()
	t.Logf("%s: precision %.2f, recall %.2f, cross-references %.2f, dates %.2f\n%s",
		name, s.precision, s.recall, s.xref, s.dates, s.report)
	for _, f := range []struct {
		what string
		v    float64
	}{{"precision", s.precision}, {"recall", s.recall}, {"cross-reference completeness", s.xref}, {"date accuracy", s.dates}} {
		if f.v < floor {
			t.Errorf("%s: %s %.2f, want at least %.2f", name, f.what, f.v, floor)
		}
	}
}

func TestSeedsAgainstGold(t *testing.T) {
	tl := timeline.LoadTimeline([]timeline.Root{{FS: seeds.FS, Path: "."}}, timeline.DefaultLexicon())
	if len(tl.Problems) > 0 {
		t.Fatalf("seed problems: %v", tl.Problems)
	}
	checkScores(t, "seeds", evaluate(t, tl, "../testdata/gold/seeds.json"), 0.9)
}

func TestHeldOutAgainstGold(t *testing.T) {
	tl := timeline.LoadTimeline([]timeline.Root{{FS: os.DirFS("../testdata/heldout"), Path: "articles"}}, timeline.DefaultLexicon())
	if len(tl.Problems) > 0 {
		t.Fatalf("held-out problems: %v", tl.Problems)
	}
	if len(tl.Sources) < 12 {
		t.Fatalf("held-out corpus has %d articles, want at least 12", len(tl.Sources))
	}
	checkScores(t, "held-out", evaluate(t, tl, "../testdata/heldout/gold.json"), 0.8)
}

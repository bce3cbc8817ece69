// Package eval scores a timeline against a gold timeline: a port of the
// development set's score.py, so that tests hold the extractor to the same
// figures the scorer prints.
//
// A system event matches a gold event when the types agree and one of its
// mention sentences overlaps one of the gold quotes from the same article.
package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Gold is a gold timeline in the development set's format.
type Gold struct {
	Articles []GoldArticle `json:"articles"`
	Events   []GoldEvent   `json:"events"`
}

// GoldArticle names one article of the gold corpus.
type GoldArticle struct {
	ID        string `json:"id"`
	Published string `json:"published"`
	Outlet    string `json:"outlet"`
}

// GoldEvent is one annotated event.
type GoldEvent struct {
	ID        string   `json:"id"`
	Type      string   `json:"type"`
	Date      string   `json:"date"`
	Precision string   `json:"precision"`
	Status    string   `json:"status,omitempty"`
	Optional  bool     `json:"optional,omitempty"`
	Actors    []string `json:"actors"`
	Place     string   `json:"place,omitempty"`
	Summary   string   `json:"summary"`
	Note      string   `json:"note,omitempty"`
	Mentions  []struct {
		Article string `json:"article"`
		Quote   string `json:"quote"`
	} `json:"mentions"`
}

// System is the part of a JSON export the scorer reads.
type System struct {
	Sources []struct {
		ID   string `json:"id"`
		Path string `json:"path"`
	} `json:"sources"`
	Events []struct {
		Type      string `json:"type"`
		Date      string `json:"date"`
		Precision string `json:"precision"`
		Summary   string `json:"summary"`
		Mentions  []struct {
			Source   string `json:"source"`
			Sentence string `json:"sentence"`
		} `json:"mentions"`
	} `json:"events"`
}

// LoadGold reads a gold file.
func LoadGold(path string) (*Gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g Gold
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &g, nil
}

// ParseSystem reads a JSON export.
func ParseSystem(data []byte) (*System, error) {
	var s System
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Result holds the figures score.py prints, and what lies behind them.
type Result struct {
	Events, Required                  int
	Recall, Precision, F1, Xref, Date float64
	Overmerged                        int
	Missed, Unmatched, DateMisses     []string
}

// String is score.py's summary line.
func (r Result) String() string {
	return fmt.Sprintf("events=%d gold_required=%d recall=%.3f precision=%.3f f1=%.3f xref=%.3f date_accuracy=%.3f overmerged=%d",
		r.Events, r.Required, r.Recall, r.Precision, r.F1, r.Xref, r.Date, r.Overmerged)
}

// Report lists the missed, unmatched and misdated events, then the summary.
func (r Result) Report() string {
	var b strings.Builder
	b.WriteString("missed gold events:\n")
	for _, m := range r.Missed {
		fmt.Fprintf(&b, "   %s\n", m)
	}
	b.WriteString("system events matching no gold event:\n")
	for _, u := range r.Unmatched {
		fmt.Fprintf(&b, "   %s\n", u)
	}
	b.WriteString("date misses:\n")
	for _, m := range r.DateMisses {
		fmt.Fprintf(&b, "   %s\n", m)
	}
	b.WriteString(r.String())
	return b.String()
}

var (
	marks  = regexp.MustCompile("[\u064B-\u065F\u0670\u0640]")
	alefs  = regexp.MustCompile("[أإآٱ]")
	puncts = regexp.MustCompile(`[«»"“”'،,.:؛;!؟?()\[\]{}\-–—…/]`)
	spaces = regexp.MustCompile(`\s+`)
)

// Norm is score.py's normalisation: NFKC, no harakat or tatweel, one alef,
// ى as ي, ة as ه, punctuation as spaces.
func Norm(s string) string {
	s = norm.NFKC.String(s)
	s = marks.ReplaceAllString(s, "")
	s = alefs.ReplaceAllString(s, "ا")
	s = strings.NewReplacer("ى", "ي", "ة", "ه").Replace(s)
	s = puncts.ReplaceAllString(s, " ")
	s = spaces.ReplaceAllStringFunc(s, func(string) string { return " " })
	return strings.TrimFunc(s, unicode.IsSpace)
}

// lcsLen is the length of the longest common substring, in code points.
func lcsLen(a, b []rune) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	best := 0
	for _, ca := range a {
		for j := range cur {
			cur[j] = 0
		}
		for j, cb := range b {
			if ca == cb {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return best
}

// Overlaps reports whether a system sentence covers a gold quote.
func Overlaps(quote, sentence string) bool {
	q, s := []rune(Norm(quote)), []rune(Norm(sentence))
	if len(q) == 0 || len(s) == 0 {
		return false
	}
	if len(s) > 800 {
		return false // a paragraph or an article: no credit
	}
	qs, ss := string(q), string(s)
	if strings.Contains(ss, qs) || len(s) >= 25 && strings.Contains(qs, ss) {
		return true
	}
	return lcsLen(q, s) >= min(40, int(0.6*float64(len(q))))
}

var extension = regexp.MustCompile(`\.[A-Za-z0-9]+$`)

// ArticleOf maps a source id or path to its gold article id.
func ArticleOf(source string, ids []string) string {
	base := source[strings.LastIndex(source, "/")+1:]
	base = extension.ReplaceAllString(base, "")
	for _, g := range ids {
		if base == g || strings.HasPrefix(base, g+"_") || strings.HasPrefix(base, g) {
			return g
		}
	}
	return ""
}

var (
	fullDay   = regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)
	fullMonth = regexp.MustCompile(`^\d{4}-\d\d$`)
	fullYear  = regexp.MustCompile(`^\d{4}$`)
)

// interval is the span of days a date at a precision covers, as strings
// that compare in order.
func interval(date, precision string) (lo, hi string, ok bool) {
	d := date
	if d == "" {
		return "", "", false
	}
	if precision == "day" || fullDay.MatchString(d) {
		switch {
		case precision == "month" && len(d) >= 7:
			d = d[:7]
		case precision == "year" && len(d) >= 4:
			d = d[:4]
		}
	}
	switch {
	case fullDay.MatchString(d):
		return d, d, true
	case fullMonth.MatchString(d):
		return d + "-01", d + "-31", true
	case fullYear.MatchString(d):
		return d + "-01-01", d + "-12-31", true
	}
	return "", "", false
}

// Score compares a system timeline with the gold one.
func Score(g *Gold, sys *System) Result {
	var ids []string
	for _, a := range g.Articles {
		ids = append(ids, a.ID)
	}
	srcmap := map[string]string{}
	for _, s := range sys.Sources {
		art := ArticleOf(s.ID, ids)
		if art == "" {
			art = ArticleOf(s.Path, ids)
		}
		srcmap[s.ID] = art
	}
	match := map[int]map[string]bool{}
	cover := map[string]map[int]map[string]bool{}
	for _, ge := range g.Events {
		cover[ge.ID] = map[int]map[string]bool{}
	}
	for i, e := range sys.Events {
		for _, m := range e.Mentions {
			art := srcmap[m.Source]
			if art == "" {
				art = ArticleOf(m.Source, ids)
			}
			if art == "" {
				continue
			}
			for _, ge := range g.Events {
				if ge.Type != e.Type {
					continue
				}
				for _, q := range ge.Mentions {
					if q.Article == art && Overlaps(q.Quote, m.Sentence) {
						if match[i] == nil {
							match[i] = map[string]bool{}
						}
						match[i][ge.ID] = true
						if cover[ge.ID][i] == nil {
							cover[ge.ID][i] = map[string]bool{}
						}
						cover[ge.ID][i][art] = true
						break
					}
				}
			}
		}
	}
	var required, found []GoldEvent
	for _, ge := range g.Events {
		if !ge.Optional && ge.Status != "planned" {
			required = append(required, ge)
		}
	}
	for _, ge := range required {
		if len(cover[ge.ID]) > 0 {
			found = append(found, ge)
		}
	}
	r := Result{Events: len(sys.Events), Required: len(required)}
	if len(required) > 0 {
		r.Recall = float64(len(found)) / float64(len(required))
	}
	if len(sys.Events) > 0 {
		r.Precision = float64(len(match)) / float64(len(sys.Events))
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	var xs []float64
	for _, ge := range required {
		arts := map[string]bool{}
		for _, m := range ge.Mentions {
			arts[m.Article] = true
		}
		if len(arts) < 2 {
			continue
		}
		best := 0
		for _, c := range cover[ge.ID] {
			best = max(best, len(c))
		}
		xs = append(xs, float64(best)/float64(len(arts)))
	}
	if len(xs) > 0 {
		sum := 0.0
		for _, x := range xs {
			sum += x
		}
		r.Xref = sum / float64(len(xs))
	}
	ok := 0
	for _, ge := range found {
		// The system event covering the most articles; the first on ties.
		best, bestN := -1, -1
		var keys []int
		for i := range cover[ge.ID] {
			keys = append(keys, i)
		}
		sort.Ints(keys)
		for _, i := range keys {
			if n := len(cover[ge.ID][i]); n > bestN {
				best, bestN = i, n
			}
		}
		e := sys.Events[best]
		glo, ghi, gok := interval(ge.Date, ge.Precision)
		slo, shi, sok := interval(e.Date, e.Precision)
		if gok && sok && glo <= slo && shi <= ghi {
			ok++
		} else {
			r.DateMisses = append(r.DateMisses, fmt.Sprintf("%s: gold %s (%s) vs system %s (%s)", ge.ID, ge.Date, ge.Precision, e.Date, e.Precision))
		}
	}
	if len(found) > 0 {
		r.Date = float64(ok) / float64(len(found))
	}
	for _, gs := range match {
		if len(gs) > 1 {
			r.Overmerged++
		}
	}
	for _, ge := range required {
		if len(cover[ge.ID]) == 0 {
			r.Missed = append(r.Missed, ge.ID+" "+truncate(ge.Summary, 70))
		}
	}
	for i, e := range sys.Events {
		if match[i] == nil {
			r.Unmatched = append(r.Unmatched, fmt.Sprintf("%s %s %s", e.Type, e.Date, truncate(e.Summary, 60)))
		}
	}
	return r
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// Package timeline builds and writes khatt's timeline: it runs the
// extractor's stages over a corpus (corpus → arabic → dates → extract →
// merge), then filters, exports and briefs the result. It knows nothing
// about terminals.
package timeline

import (
	"fmt"

	"khatt/arabic"
	"khatt/corpus"
	"khatt/extract"
	"khatt/internal/par"
	"khatt/lexicon"
	"khatt/merge"
	"khatt/model"
)

// Root is one place to load articles from.
type Root = corpus.Root

// PathRoots turns command-line paths into roots on the local file system.
var PathRoots = corpus.PathRoots

// Fold normalises a phrase for search and filters (see arabic.Fold).
func Fold(s string) string { return arabic.Fold(s) }

// DefaultLexicon returns the embedded lexicon.
func DefaultLexicon() *lexicon.Lexicon { return lexicon.Default() }

// LoadTimeline loads the articles under the roots and builds their
// timeline, without a cache, keeping every text (see Load).
func LoadTimeline(roots []Root, lx *lexicon.Lexicon) *model.Timeline {
	return Load(roots, LoadOptions{Lexicon: lx, KeepText: true})
}

// Build extracts the events of every source, merges the ones reported more
// than once, and returns them in chronological order. A source whose
// metadata gave no publication date gets the one its text states, if any.
func Build(srcs []model.Source, lx *lexicon.Lexicon) []model.Event {
	events, _ := build(srcs, lx)
	return events
}

// build is Build with the articles the extractor failed on: a bug in a
// rule must cost one article, not the run.
func build(srcs []model.Source, lx *lexicon.Lexicon) ([]model.Event, []error) {
	x := extract.New(lx)
	// Articles are read independently, on every core; the results are joined
	// in source order so that the timeline does not depend on scheduling.
	per := make([][]extract.Event, len(srcs))
	failed := make([]error, len(srcs))
	par.Each(len(srcs), func(i int) {
		defer func() {
			if p := recover(); p != nil {
				per[i] = nil
				failed[i] = &corpus.LoadError{Path: srcs[i].Path, Offset: -1, Err: fmt.Errorf("internal error extracting events (please report): %v", p)}
			}
		}()
		per[i] = x.Article(&srcs[i])
	})
	var problems []error
	for _, err := range failed {
		if err != nil {
			problems = append(problems, err)
		}
	}
	return merge.Events(per), problems
}

// Package timeline builds and writes khatt's timeline: it runs the
// extractor's stages over a corpus (corpus → arabic → dates → extract →
// merge), then filters, exports and briefs the result. It knows nothing
// about terminals.
package timeline

import (
	"khatt/arabic"
	"khatt/corpus"
	"khatt/extract"
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

// LoadTimeline loads the articles under the roots and builds their timeline.
func LoadTimeline(roots []Root, lx *lexicon.Lexicon) *model.Timeline {
	srcs, problems := corpus.Load(roots)
	tl := &model.Timeline{Sources: srcs, Events: Build(srcs, lx), Problems: problems}
	tl.Index()
	return tl
}

// Build extracts the events of every source, merges the ones reported more
// than once, and returns them in chronological order. A source whose
// metadata gave no publication date gets the one its text states, if any.
func Build(srcs []model.Source, lx *lexicon.Lexicon) []model.Event {
	x := extract.New(lx)
	// Articles are read independently, on every core; the results are joined
	// in source order so that the timeline does not depend on scheduling.
	per := make([][]extract.Event, len(srcs))
	corpus.Parallel(len(srcs), func(i int) {
		per[i] = x.Article(&srcs[i])
	})
	return merge.Events(per)
}

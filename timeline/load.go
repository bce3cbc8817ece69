package timeline

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"khatt/cache"
	"khatt/corpus"
	"khatt/extract"
	"khatt/internal/par"
	"khatt/internal/phases"
	"khatt/lexicon"
	"khatt/merge"
	"khatt/model"
)

// Progress is where a load stands, for a reader to show while it waits.
type Progress struct {
	Phase   string  // "scan", "read", "extract", "merge", "done"
	Done    int     // articles read (or found in the cache), or extracted
	Total   int     // articles found, or to extract
	Cached  int     // articles found in the cache
	Current string  // the article being read or extracted, as displayed
	Rate    float64 // articles per second in this phase so far
}

// LoadOptions configure Load.
type LoadOptions struct {
	Lexicon *lexicon.Lexicon // nil: the embedded one
	// Cache keeps each article's events and each corpus's timeline
	// between runs; nil reads and extracts everything.
	Cache *cache.Cache
	// Progress, when set, is called as the load goes (from several
	// goroutines, one call at a time).
	Progress func(Progress)
	// Partial, when set, is given the timeline as it stands while the
	// articles are extracted, at most once a second: the sources ready so
	// far and their events, each article's merged within it but not yet
	// across articles. The merged timeline is what Load returns.
	Partial func(*model.Timeline)
	// PartialEvery is the interval between two partial timelines (0: a
	// second).
	PartialEvery time.Duration
	// KeepText keeps every article's text in memory; otherwise the text of
	// an article on disk is dropped once extracted and read again when
	// shown (Timeline.SourceText).
	KeepText bool
	// Later, when set, is given the work the timeline does not wait for
	// (writing what is new to the cache), to run while the caller uses the
	// timeline; the caller runs it, reports its error and only then closes
	// the cache. nil: the work is done before Load returns.
	Later func(job func() error)
}

// Version is what a cache entry was made by: this program (its build) and
// the lexicon's data. Entries of another version are never used.
func Version(lx *lexicon.Lexicon) string {
	return programVersion() + "+" + lx.Version
}

var programVersion = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	if id := goBuildID(exe); id != "" {
		return id
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
})

// goBuildID returns a digest of the Go build ID the go command writes into
// an ELF executable: hashes of what the program was built from and of the
// program built, four parts separated by slashes. Reading it costs a
// fraction of a millisecond where hashing the executable costs some 20; an
// executable without one, or with one not of that shape (set by hand with
// -buildid), is hashed instead.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil || s.Size > 4096 {
		return ""
	}
	b, err := s.Data()
	// The note: name size, description size, type (4 bytes each), the
	// name "Go\x00\x00", then the ID.
	if err != nil || len(b) < 16 || string(b[12:16]) != "Go\x00\x00" {
		return ""
	}
	id := strings.TrimRight(string(b[16:]), "\x00")
	parts := strings.Split(id, "/")
	if len(parts) != 4 {
		return ""
	}
	for _, p := range parts {
		if len(p) < 20 {
			return ""
		}
	}
	h := sha256.Sum256([]byte(id))
	return "go-" + hex.EncodeToString(h[:8])
}

// Scanned is a corpus listed by Scan and not yet read.
type Scanned struct {
	Files    []corpus.File
	Problems []error
}

// Scan lists the article files under the roots (see corpus.Scan).
func Scan(roots []Root) Scanned {
	files, problems := corpus.Scan(roots)
	return Scanned{files, problems}
}

// Load loads the articles under the roots and builds their timeline,
// reading and extracting only what the cache does not already hold.
func Load(roots []Root, o LoadOptions) *model.Timeline { return LoadScanned(Scan(roots), o) }

// LoadScanned is Load of a corpus already listed.
func LoadScanned(sc Scanned, o LoadOptions) *model.Timeline {
	tl, _ := load(sc, o, false)
	return tl
}

// LoadStream is LoadScanned for a caller that takes the events as a
// stream: a merged timeline found in the cache is checked but not decoded
// (the timeline's Events are nil; the stream decodes them a chunk at a
// time); otherwise the stream gives the timeline's Events.
func LoadStream(sc Scanned, o LoadOptions) (*model.Timeline, *Stream) {
	return load(sc, o, true)
}

func load(sc Scanned, o LoadOptions, streamed bool) (*model.Timeline, *Stream) {
	lx := o.Lexicon
	if lx == nil {
		lx = lexicon.Default()
	}
	var mu sync.Mutex
	phase, began := "", time.Now()
	report := func(p Progress) {
		if o.Progress != nil {
			mu.Lock()
			if p.Phase != phase {
				phase, began = p.Phase, time.Now()
			} else if secs := time.Since(began).Seconds(); secs > 0 {
				p.Rate = float64(p.Done) / secs
			}
			o.Progress(p)
			mu.Unlock()
		}
	}
	files, problems := sc.Files, append([]error(nil), sc.Problems...)
	report(Progress{Phase: "scan", Total: len(files)})

	// What the cache holds for files unchanged since (same size and time).
	var hits map[string]*cache.Article
	if o.Cache != nil {
		keys := make([]string, 0, len(files))
		sizes := make([]int64, 0, len(files))
		times := make([]int64, 0, len(files))
		for _, f := range files {
			if f.Key != "" {
				keys, sizes, times = append(keys, f.Key), append(sizes, f.Size), append(times, f.ModTime)
			}
		}
		var err error
		if hits, err = o.Cache.Lookup(keys, sizes, times); err != nil {
			problems = append(problems, err)
			hits = nil
		}
	}

	phases.Mark("cache lookup")
	// Read what is not cached, on every core.
	type entry struct {
		src    model.Source
		err    error
		hit    *cache.Article // found in the cache (by time, or by content)
		events []extract.Event
		fresh  bool // to store
	}
	entries := make([]entry, len(files))
	var done, cached atomic.Int64
	par.Each(len(files), func(i int) {
		f := &files[i]
		e := &entries[i]
		if a := hits[f.Key]; a != nil && f.Key != "" {
			e.src, e.hit = a.Source, a
			e.src.Path = f.Display
			cached.Add(1)
		} else {
			e.src, e.err = f.Read()
			if e.err == nil && o.Cache != nil && f.Key != "" {
				if a, ok := o.Cache.ByHash(e.src.Hash); ok {
					// Touched or moved, not changed: its events stand.
					text := e.src.Text
					e.src, e.hit = a.Source, a
					e.src.Path, e.src.Text = f.Display, text
					e.fresh = true
				}
			}
		}
		n := int(done.Add(1))
		if n%64 == 0 || n == len(files) {
			report(Progress{Phase: "read", Done: n, Total: len(files), Cached: int(cached.Load()), Current: f.Display})
		}
	})

	phases.Mark("read")
	// IDs are given once every article is known (two files of one name
	// differ by a suffix), before extraction writes them into events.
	srcs := make([]model.Source, 0, len(entries))
	idx := make([]int, 0, len(entries)) // srcs[k] is files[idx[k]]
	for i := range entries {
		if entries[i].err != nil {
			problems = append(problems, entries[i].err)
			continue
		}
		srcs = append(srcs, entries[i].src)
		idx = append(idx, i)
		entries[i].src = model.Source{} // srcs holds it now, text and all
	}
	corpus.UniqueIDs(srcs)
	// What names each article from one run to the next (merge.Article).
	known := make([]string, len(srcs))
	for k := range srcs {
		known[k] = srcs[k].ID + "\x00" + srcs[k].Hash
	}

	// The corpus's key: its articles, their contents and IDs, and the
	// version that reads them (made only for a cache: the version hashes
	// the executable).
	var key, place string
	var events []model.Event
	var groups []merge.Group
	var merged bool
	var onDisk *cache.Stored
	var prior *merge.Prior
	var priorForms map[string][]merge.Form // the prior timeline's articles' forms, by their known
	var corpusForms *cache.Forms           // every article's forms, for the cache (see cache.Forms)
	if o.Cache != nil {
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00", Version(lx))
		for _, s := range srcs {
			fmt.Fprintf(h, "%s\x00%s\x00%s\x00", s.ID, s.Hash, s.Path)
		}
		key = hex.EncodeToString(h.Sum(nil))
		place = placeOf(files, Version(lx))
		if onDisk, merged = o.Cache.StoredTimeline(key); merged && !streamed {
			var err error
			if events, err = onDisk.All(); err != nil {
				merged, onDisk = false, nil // made again from the articles
			}
		}
		if !merged {
			// The corpus changed since its timeline was stored: what that
			// timeline built of reports that group as they did is taken
			// again, and the articles the cache holds are clustered by
			// their forms, their events read only for the groups to build.
			// Its events are decoded while the articles are read.
			p, ok := o.Cache.PriorTimeline(place)
			corpusForms = o.Cache.NewForms(p, len(srcs))
			if ok {
				st := p.Timeline
				priorForms = p.Forms
				type decoded struct {
					evs []model.Event
					err error
				}
				ch := make(chan decoded, 1)
				go func() {
					evs, err := st.All()
					ch <- decoded{evs, err}
				}()
				prior = &merge.Prior{Groups: p.Groups, Events: sync.OnceValues(func() ([]model.Event, error) {
					d := <-ch
					return d.evs, d.err
				})}
			}
		}
		phases.Mark("cached timeline")
	}

	// What is new goes to the cache as it comes: encoded by the worker that
	// extracted it, written in batches by one goroutine, so that memory
	// holds a batch, not the corpus.
	toStore := make(chan *cache.Article, 256)
	stored := make(chan error, 1)
	go func() {
		var batch []*cache.Article
		var first error
		flush := func() {
			if len(batch) > 0 && o.Cache != nil {
				if err := o.Cache.Put(batch); err != nil && first == nil {
					first = err
				}
			}
			batch = batch[:0]
		}
		for a := range toStore {
			if batch = append(batch, a); len(batch) == 256 {
				flush()
			}
		}
		flush()
		stored <- first
	}()
	// Articles extracted once toStore is closed (see the merge) are
	// stored when the rest is.
	storeLate := false
	var late []*cache.Article
	var lateMu sync.Mutex
	// forms[k] is what the merge's clustering reads of article k when it
	// is merged by its forms (per[k] nil); nil when it is merged by its
	// events (the merge works out their forms as it goes: kept for the
	// corpus, a hundred thousand articles' forms are hundreds of
	// megabytes).
	forms := make([][]merge.Form, len(srcs))
	// formsOf gives the corpus's forms article k's, worked out from its
	// events; and keeps them when the merge reads forms.
	formsOf := func(k int, evs []extract.Event) []merge.Form {
		if corpusForms == nil {
			return nil
		}
		fs := merge.FormsOf(evs)
		corpusForms.Add(known[k], fs)
		if prior != nil {
			forms[k] = fs
		}
		return fs
	}
	store := func(k int, evs []extract.Event) {
		f := &files[idx[k]]
		fs := formsOf(k, evs)
		if o.Cache == nil || f.Key == "" {
			return
		}
		a := &cache.Article{Key: f.Key, Size: f.Size, ModTime: f.ModTime, Hash: srcs[k].Hash, Source: srcs[k], Events: evs, Forms: fs}
		if a.Encode() == nil {
			a.Events = nil // the encoded form is what is written
			if storeLate {
				lateMu.Lock()
				late = append(late, a)
				lateMu.Unlock()
			} else {
				toStore <- a
			}
		}
	}

	// Extract what was read; an article found in the cache gets its events
	// back, under the ID it has now.
	per := make([][]extract.Event, len(srcs))
	var failed []error
	var failMu sync.Mutex
	x := extract.New(lx)
	var extracted atomic.Int64

	// What is ready is shown while the rest is extracted (Partial).
	var readyMu sync.Mutex
	var readySrcs []model.Source
	var readyEvents []model.Event
	partial := o.Partial != nil && !merged && prior == nil // (a merge from a prior timeline is quick)
	ready := func(k int) {
		if !partial {
			return
		}
		evs := merge.Events([][]extract.Event{per[k]})
		readyMu.Lock()
		readySrcs = append(readySrcs, srcs[k])
		readyEvents = append(readyEvents, evs...)
		readyMu.Unlock()
	}
	stopPartial := make(chan struct{})
	partialDone := make(chan struct{})
	go func() {
		defer close(partialDone)
		if !partial {
			return
		}
		every := o.PartialEvery
		if every <= 0 {
			every = time.Second
		}
		tick := time.NewTicker(every)
		defer tick.Stop()
		shown := 0
		for {
			select {
			case <-stopPartial:
				return
			case <-tick.C:
			}
			readyMu.Lock()
			if len(readySrcs) == shown {
				readyMu.Unlock()
				continue
			}
			shown = len(readySrcs)
			snap := &model.Timeline{Sources: slices.Clone(readySrcs), Events: slices.Clone(readyEvents)}
			readyMu.Unlock()
			merge.Sort(snap.Events)
			o.Partial(snap)
		}
	}()
	if o.Cache != nil && !merged {
		var hit []*cache.Article
		for k := range srcs {
			if e := &entries[idx[k]]; e.hit != nil {
				hit = append(hit, e.hit)
			}
		}
		fetch := o.Cache.Fetch
		if prior != nil {
			// The forms of the articles the prior timeline's do not hold.
			fetch = o.Cache.FetchForms
			hit = hit[:0]
			for k := range srcs {
				if e := &entries[idx[k]]; e.hit != nil && priorForms[known[k]] == nil {
					hit = append(hit, e.hit)
				}
			}
		}
		if err := fetch(hit); err != nil {
			problems = append(problems, err)
		}
	}
	toExtract := 0
	for k := range srcs {
		if entries[idx[k]].hit == nil {
			toExtract++
		}
	}
	// full gives article k its events: from the cache, or extracted.
	full := func(k int) {
		e := &entries[idx[k]]
		src := &srcs[k]
		if e.hit != nil {
			evs, err := e.hit.Decode()
			if err == nil {
				per[k] = withSource(evs, src.ID)
				e.events = per[k]
				if e.fresh {
					store(k, e.events)
				} else {
					formsOf(k, e.events)
				}
				ready(k)
				return
			}
			e.hit = nil // unreadable entry: extracted again, below
			if src.Text == "" {
				text, err := files[idx[k]].Read()
				if err != nil {
					failMu.Lock()
					failed = append(failed, err)
					failMu.Unlock()
					return
				}
				src.Text = text.Text
			}
		}
		defer func() {
			if p := recover(); p != nil {
				per[k] = nil
				failMu.Lock()
				failed = append(failed, &corpus.LoadError{Path: src.Path, Offset: -1, Err: fmt.Errorf("internal error extracting events (please report): %v", p)})
				failMu.Unlock()
			}
		}()
		per[k] = x.Article(src)
		e.events, e.fresh = per[k], true
		store(k, e.events)
		ready(k)
		if f := &files[idx[k]]; f.Key != "" && !o.KeepText {
			// Read again when shown: the events keep only what they quote.
			extract.Detach(per[k], src.Text)
			src.Text = ""
		}
		if n := int(extracted.Add(1)); n%32 == 0 {
			report(Progress{Phase: "extract", Done: n, Total: toExtract, Cached: int(cached.Load()), Current: src.Path})
		}
	}
	par.Each(len(srcs), func(k int) {
		if e := &entries[idx[k]]; e.hit != nil && !e.fresh {
			if merged {
				return
			}
			if prior != nil {
				if fs := priorForms[known[k]]; fs != nil {
					forms[k] = fs
					if !corpusForms.Continues { // (written anew)
						corpusForms.Add(known[k], fs)
					}
					return
				}
				if fs, err := e.hit.ReadForms(); err == nil {
					forms[k] = fs
					corpusForms.Add(known[k], fs)
					return
				}
			}
		}
		full(k)
	})
	close(stopPartial)
	<-partialDone
	close(toStore) // the last batch is written while the merge runs
	storeLate = true
	problems = append(problems, failed...)
	phases.Mark("extract")
	if !merged {
		report(Progress{Phase: "merge", Done: len(files), Total: len(files), Cached: int(cached.Load())})
		in := make([]merge.Article, len(srcs))
		for k := range srcs {
			in[k] = merge.Article{Events: per[k], Forms: forms[k], Known: known[k]}
		}
		if prior != nil {
			prior.Load = func(ks []int) ([][]extract.Event, error) {
				hits := make([]*cache.Article, len(ks))
				for i, k := range ks {
					hits[i] = entries[idx[k]].hit
				}
				if err := o.Cache.FetchFew(hits); err != nil {
					return nil, err
				}
				out := make([][]extract.Event, len(ks))
				for i, k := range ks {
					evs, err := hits[i].Decode()
					if err != nil {
						return nil, err
					}
					out[i] = withSource(evs, srcs[k].ID)
				}
				return out, nil
			}
		}
		var err error
		if events, groups, err = merge.Merge(in, prior); err != nil {
			// An article's events, needed, could not be read from the
			// cache: each article read by its forms is read whole (or
			// extracted again) and the merge made from its events.
			par.Each(len(srcs), func(k int) {
				if per[k] == nil && forms[k] != nil {
					forms[k] = nil
					full(k)
				}
			})
			for k := range srcs {
				in[k] = merge.Article{Events: per[k], Forms: forms[k], Known: known[k]}
			}
			events, groups, _ = merge.Merge(in, nil)
		}
		phases.Mark("merge")
	}

	finish := func() error {
		err := <-stored
		if len(late) > 0 {
			err = errors.Join(err, o.Cache.Put(late))
		}
		if o.Cache != nil && !merged {
			if perr := o.Cache.PutTimeline(key, place, events, groups); perr != nil {
				corpusForms.Discard()
				err = errors.Join(err, perr)
			} else {
				err = errors.Join(err, corpusForms.Keep(key))
			}
		}
		return err
	}
	if o.Later != nil {
		o.Later(finish)
	} else if err := finish(); err != nil {
		problems = append(problems, err)
	}

	// Texts on disk are read again when shown.
	byPath := map[string]*corpus.File{}
	for k := range srcs {
		f := &files[idx[k]]
		if f.Key != "" && !o.KeepText {
			srcs[k].Text = ""
		}
		byPath[srcs[k].Path] = f
	}
	tl := &model.Timeline{Sources: srcs, Events: events, Problems: problems}
	tl.ReadText = func(src *model.Source) (string, error) {
		f := byPath[src.Path]
		if f == nil {
			return "", errors.New("not in the corpus")
		}
		s, err := f.Read()
		if err != nil {
			return "", err
		}
		if s.Hash != src.Hash {
			return "", fmt.Errorf("%s changed since it was read: reload to see it as it is", src.Path)
		}
		return s.Text, nil
	}
	tl.Index()
	report(Progress{Phase: "done", Done: len(files), Total: len(files), Cached: int(cached.Load())})
	if !streamed {
		return tl, nil
	}
	if onDisk != nil && events == nil {
		return tl, storedStream(onDisk)
	}
	return tl, SliceStream(events)
}

// placeOf names where a corpus is, for a cache to find its timeline again
// once its articles change: its directories, and the version that reads
// them ("" for a corpus of no file on disk).
func placeOf(files []corpus.File, version string) string {
	var dirs []string
	for _, f := range files {
		if f.Key != "" {
			dirs = append(dirs, filepath.Dir(f.Key))
		}
	}
	if len(dirs) == 0 {
		return ""
	}
	slices.Sort(dirs)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", version)
	for _, d := range slices.Compact(dirs) {
		fmt.Fprintf(h, "%s\x00", d)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// withSource gives cached events the ID their article has now (where
// they name it: a date's basis may be another article's).
func withSource(evs []extract.Event, id string) []extract.Event {
	for i := range evs {
		old := evs[i].Source
		if old == id {
			continue
		}
		evs[i].Source = id
		if evs[i].Date.Basis.Source == old {
			evs[i].Date.Basis.Source = id
		}
		for j := range evs[i].Mentions {
			evs[i].Mentions[j].Source = id
		}
		for j := range evs[i].Conflicts {
			evs[i].Conflicts[j].A.Mention.Source = id
			evs[i].Conflicts[j].B.Mention.Source = id
		}
	}
	return evs
}

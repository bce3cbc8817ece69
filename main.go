// Command khatt builds a chronological timeline of the visits, talks and
// statements reported in Arabic news articles, and shows it in a
// right-to-left terminal reader, as a briefing, or as an export.
package main

import (
	"bytes"
	"context"
	_ "early.khatt/preinit" // before Bubble Tea's init: no 5 s background query
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"golang.org/x/term"

	"khatt/cache"
	"khatt/corpus"
	"khatt/fetch"
	"khatt/i18n"
	"khatt/internal/phases"
	"khatt/lexicon"
	"khatt/model"
	"khatt/safe"
	"khatt/seeds"
	"khatt/server"
	"khatt/timeline"
	"khatt/ui"
	"khatt/ui/rtl"
	"khatt/watch"
)

// version is set at build time (-ldflags "-X main.version=…").
var version = "0.3.0"

const overview = `khatt — a timeline of visits, talks and statements in Arabic news.

Usage:
  khatt [flags] [PATH...]            browse the timeline (a briefing when stdout is not a terminal)
  khatt brief [flags] [PATH...]      print a chronological briefing
  khatt export [flags] [PATH...]     print the timeline as json, jsonl, md, csv, ics or timelinejs
  khatt serve [flags] [PATH...]      serve the reader over SSH to a team
  khatt fetch --into DIR URL...      write the new items of news feeds into a corpus directory
  khatt cache [stats|prune|clear]    what the cache of read articles holds
  khatt help [COMMAND]               the flags of a command, with examples (or khatt COMMAND --help)
  khatt version                      (or khatt --version)

PATH is an article (.txt, .md, a saved web page .html, a JSON Lines dump
.jsonl, an RSS or Atom feed .rss/.atom/.xml) or a directory of them, searched
recursively (a directory called help or version is ./help, ./version);
with no PATH, the corpus of the config file, else the built-in seed articles.
Settings are read from $XDG_CONFIG_HOME/khatt/config.toml (see the README);
flags override them.
`

// command is one subcommand: its flags, examples, and what it runs.
type command struct {
	name     string
	summary  string
	examples []string
	extra    func(fs *flag.FlagSet, o *options)
	run      func(o *options, stdout, stderr io.Writer) int
	// own: the command takes only its own flags, not the corpus's and
	// filters'; args names its arguments in its help ([PATH...] if empty).
	own  bool
	args string
}

// options are the settings of a run, from the config file then the flags.
type options struct {
	cfg        config
	lexicon    string
	lang       string
	bidi       string
	shape      string
	strip      bool
	format     string
	width      int
	style      string
	pager      string
	pageAlways bool
	bom        bool
	filterArgs filterFlags
	maxFile    string
	maxBytes   int64
	noCache    bool
	serve      serveFlags
	fetch      struct {
		into              string
		pages             bool
		timeout, interval time.Duration
	}
	paths []string
	given bool // paths were named on the command line (not the config's corpus)
	// oneShot: the command writes its output and exits (export, brief),
	// which setMemoryLimit lets use memory up to the limit; restoreGC
	// puts back the collector's settings of before (set by prepare).
	oneShot   bool
	restoreGC func()
	labels    i18n.Labels
	filter    timeline.Filter
}

type filterFlags struct {
	types, actor, place, source, since, until, query string
	minConfidence                                    string
}

func commonFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.lexicon, "lexicon", "", "read lexicon files from `DIR` instead of the built-in ones")
	fs.StringVar(&o.lang, "lang", o.lang, "interface language: ar or en (env KHATT_LANG)")
	fs.StringVar(&o.filterArgs.types, "type", "", "only events of these `TYPES` (visit, talks, statement; comma-separated)")
	fs.StringVar(&o.filterArgs.actor, "actor", "", "only events with an actor whose name contains `NAME` (Arabic-normalised)")
	fs.StringVar(&o.filterArgs.place, "place", "", "only events at a place whose name contains `NAME`")
	fs.StringVar(&o.filterArgs.source, "source", "", "only events reported by the source `ID` (or an ID prefix: 002)")
	fs.StringVar(&o.filterArgs.since, "since", "", "only events on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&o.filterArgs.until, "until", "", "only events on or before `DATE`")
	fs.StringVar(&o.filterArgs.query, "query", "", "only events whose text holds `TEXT` (Arabic-normalised)")
	fs.StringVar(&o.maxFile, "max-file-size", "16MB", "skip article files larger than `SIZE` (bytes, or with KB or MB)")
	fs.BoolVar(&o.noCache, "no-cache", false, "read and extract every article again, leaving the cache (~/.cache/khatt) as it is")
	fs.StringVar(&o.filterArgs.minConfidence, "min-confidence", o.filterArgs.minConfidence,
		"drop events the extractor is less sure of than `C` (0 to 1, or a percentage; 0 keeps all)")
}

func bidiFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.bidi, "bidi", o.bidi, "who draws right-to-left text: auto, app, terminal or off (env KHATT_BIDI)")
	fs.StringVar(&o.shape, "shape", o.shape, "join Arabic letters: auto, forms or none (env KHATT_SHAPE)")
	fs.BoolVar(&o.strip, "strip-harakat", o.strip, "do not draw harakat")
}

var commands = []command{
	{
		name:    "browse",
		summary: "browse the timeline in a right-to-left terminal reader",
		examples: []string{
			"khatt",
			"khatt --lang en ~/articles/iraq/",
			"khatt --type visit --actor قاآني --since 2021",
			"KHATT_BIDI=terminal khatt          # Konsole with its own bidi on",
		},
		extra: bidiFlags,
		run:   browse,
	},
	{
		name:    "brief",
		summary: "print a chronological briefing, day by day (Markdown when stdout is not a terminal)",
		examples: []string{
			"khatt brief",
			"khatt brief --since 2021-07 --until 2021-07 > july.md",
			"khatt brief --style light --width 100 ~/articles/",
		},
		extra: func(fs *flag.FlagSet, o *options) {
			bidiFlags(fs, o)
			fs.IntVar(&o.width, "width", 0, "wrap at `COLUMNS` (default: the terminal's width, else 80)")
			fs.StringVar(&o.style, "style", o.style, "colours on a terminal: dark, light or notty (default: by background)")
			fs.StringVar(&o.pager, "pager", "auto", "on a terminal, page with $KHATT_PAGER, $PAGER or less: `WHEN` (auto: when taller than the terminal, always, never)")
			fs.BoolVar(&o.pageAlways, "p", false, "page, as --pager always")
		},
		run: brief,
	},
	{
		name:    "serve",
		summary: "serve the reader over SSH: every session its own reader, one shared timeline",
		examples: []string{
			"khatt serve ~/articles/",
			"khatt serve --listen 0.0.0.0:23234 --authorized-keys ~/.ssh/authorized_keys ~/articles/",
			"ssh -p 23234 -t localhost          # connect",
			"kill -HUP $(pidof khatt)           # reload the corpus",
		},
		extra: func(fs *flag.FlagSet, o *options) {
			fs.StringVar(&o.serve.listen, "listen", "127.0.0.1:23234", "listen on `ADDR`")
			fs.StringVar(&o.serve.hostKey, "host-key", dataPath("ssh_host_ed25519"), "the host key `FILE` (made once, 0600, when missing)")
			fs.StringVar(&o.serve.authorized, "authorized-keys", filepathDir(configPath())+"/authorized_keys", "`FILE` of public keys allowed in, one per line, as in ~/.ssh/authorized_keys")
			fs.DurationVar(&o.serve.idle, "idle-timeout", 30*time.Minute, "close a session idle this long (`DURATION`)")
			fs.IntVar(&o.serve.max, "max-sessions", 50, "sessions at once (`N`)")
		},
		run: serve,
	},
	{
		name:    "cache",
		summary: "show what the cache of read articles holds (stats), drop what is stale (prune), or empty it (clear)",
		examples: []string{
			"khatt cache",
			"khatt cache prune",
			"khatt cache clear",
		},
		run: cacheCmd,
	},
	{
		name:    "fetch",
		own:     true,
		args:    "FEED_URL...",
		summary: "read news feeds (RSS, Atom) over HTTP(S) and write each new item into a corpus directory",
		examples: []string{
			"khatt fetch --into ~/articles/feeds https://example.com/rss.xml",
			"khatt fetch --into ~/articles/feeds --pages https://example.com/atom.xml   # the linked pages too",
		},
		extra: func(fs *flag.FlagSet, o *options) {
			fs.StringVar(&o.fetch.into, "into", "", "write the articles into `DIR` (made if missing; remembers what it fetched in DIR/"+fetch.StateFile+")")
			fs.BoolVar(&o.fetch.pages, "pages", false, "also fetch each item's linked page and save it as .html (its main text is read)")
			fs.DurationVar(&o.fetch.timeout, "timeout", 20*time.Second, "give up a request after `DURATION`")
			fs.DurationVar(&o.fetch.interval, "interval", time.Second, "wait at least `DURATION` between two requests to one host")
		},
		run: fetchCmd,
	},
	{
		name:    "export",
		summary: "print the timeline in a machine-readable format",
		examples: []string{
			"khatt export --format json > timeline.json",
			"khatt export --format csv --type statement > statements.csv",
			"khatt export --format csv --bom > for-excel.csv",
			"khatt export --format ics ~/articles/ > timeline.ics",
			"khatt export --format timelinejs > timeline.json",
		},
		extra: func(fs *flag.FlagSet, o *options) {
			fs.StringVar(&o.format, "format", "json", "`FORMAT`: "+strings.Join(timeline.Formats, ", "))
			fs.BoolVar(&o.bom, "bom", false, "start a CSV with a UTF-8 byte order mark, for Excel")
		},
		run: export,
	},
}

func main() {
	// KHATT_CPUPROFILE=FILE writes a CPU profile of the run (go tool pprof).
	if path := os.Getenv("KHATT_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			code := run(os.Args[1:], os.Stdout, os.Stderr)
			pprof.StopCPUProfile()
			f.Close()
			os.Exit(code)
		}
	}
	// KHATT_MEMPROFILE=FILE writes the run's allocations (go tool pprof
	// -sample_index=alloc_space).
	if path := os.Getenv("KHATT_MEMPROFILE"); path != "" {
		code := run(os.Args[1:], os.Stdout, os.Stderr)
		if f, err := os.Create(path); err == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
		os.Exit(code)
	}
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	phases.Mark("exit")
	os.Exit(code)
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version" || args[0] == "version") {
		fmt.Fprintf(stdout, "khatt %s\n", version)
		return 0
	}
	// khatt help [COMMAND] is khatt [COMMAND] --help (a directory called
	// help is ./help).
	if len(args) > 0 && args[0] == "help" {
		if len(args) > 2 {
			fmt.Fprintln(stderr, "khatt help: want at most one command (khatt help brief)")
			return 2
		}
		if len(args) == 2 && !isCommand(args[1]) {
			fmt.Fprintf(stderr, "khatt help: no command %q (the commands: %s)\n", safe.Line(args[1], 40), strings.Join(commandNames(), ", "))
			return 2
		}
		args = append(args[1:], "--help")
	}
	cmd := commands[0]
	explicit := false
	if len(args) > 0 {
		for _, c := range commands {
			if args[0] == c.name {
				cmd, args, explicit = c, args[1:], true
				break
			}
		}
	}
	cfg, err := loadConfig()
	if err != nil {
		fmt.Fprintf(stderr, "khatt: %s\n", msg(err))
		return 2
	}
	o := &options{cfg: cfg, lang: firstOf(os.Getenv("KHATT_LANG"), cfg.Lang), bidi: firstOf(os.Getenv("KHATT_BIDI"), cfg.Bidi),
		shape: firstOf(os.Getenv("KHATT_SHAPE"), cfg.Shape), strip: cfg.StripHarakat, style: cfg.Theme}
	o.filterArgs.minConfidence = strconv.FormatFloat(timeline.DefaultMinConfidence, 'f', -1, 64)
	if cfg.MinConfidence != nil {
		o.filterArgs.minConfidence = strconv.FormatFloat(*cfg.MinConfidence, 'f', -1, 64)
	}
	fs := flag.NewFlagSet("khatt "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if !cmd.own {
		commonFlags(fs, o)
	}
	if cmd.extra != nil {
		cmd.extra(fs, o)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, cmd, fs, !explicit)
			return 0
		}
		fmt.Fprintf(stderr, "khatt %s: %s (see khatt %s --help)\n", cmd.name, msg(err), cmd.name)
		return 2
	}
	if err := o.finish(fs.Args()); err != nil {
		fmt.Fprintf(stderr, "khatt %s: %s\n", cmd.name, msg(err))
		return 2
	}
	return cmd.run(o, stdout, stderr)
}

func isCommand(name string) bool {
	for _, c := range commands {
		if c.name == name {
			return true
		}
	}
	return false
}

func commandNames() []string {
	var out []string
	for _, c := range commands {
		out = append(out, c.name)
	}
	return out
}

func usage(w io.Writer, c command, fs *flag.FlagSet, root bool) {
	if root {
		fmt.Fprint(w, overview)
		fmt.Fprintf(w, "\nFlags of browse (the default command):\n")
	} else {
		args := c.args
		if args == "" {
			args = "[PATH...]"
		}
		fmt.Fprintf(w, "khatt %s [flags] %s: %s\n\nFlags:\n", c.name, args, c.summary)
	}
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprintf(w, "\nExamples:\n")
	for _, e := range c.examples {
		fmt.Fprintf(w, "  %s\n", e)
	}
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// finish checks the flags and builds the labels and the filter.
func (o *options) finish(paths []string) error {
	o.paths, o.given = paths, len(paths) > 0
	if len(o.paths) == 0 {
		o.paths = o.cfg.Corpus
	}
	var err error
	if o.labels, err = i18n.For(o.lang); err != nil {
		return fmt.Errorf("--lang: %w", err)
	}
	f := o.filterArgs
	if f.types != "" {
		for _, t := range strings.Split(f.types, ",") {
			et, err := timeline.ParseType(strings.TrimSpace(t))
			if err != nil {
				return fmt.Errorf("--type: %w", err)
			}
			o.filter.Types = append(o.filter.Types, et)
		}
	}
	o.filter.Actor, o.filter.Place = timeline.Fold(f.actor), timeline.Fold(f.place)
	o.filter.ActorText, o.filter.PlaceText = f.actor, f.place
	o.filter.Source, o.filter.Query = f.source, f.query
	if o.filter.MinConfidence, err = timeline.ParseConfidence(f.minConfidence); err != nil {
		return fmt.Errorf("--min-confidence: %w", err)
	}
	if o.maxFile == "" {
		o.maxFile = "16MB" // a command without the corpus flags
	}
	if o.maxBytes, err = parseSize(o.maxFile); err != nil {
		return fmt.Errorf("--max-file-size: %w", err)
	}
	for _, d := range []struct {
		flag, value string
		into        *model.Date
	}{{"--since", f.since, &o.filter.Since}, {"--until", f.until, &o.filter.Until}} {
		if d.value == "" {
			continue
		}
		date, err := model.ParseDate(d.value)
		if err != nil {
			return fmt.Errorf("%s: %w", d.flag, err)
		}
		*d.into = date
	}
	if o.lexicon != "" {
		if info, err := os.Stat(o.lexicon); err != nil || !info.IsDir() {
			return fmt.Errorf("--lexicon %s: not a directory", o.lexicon)
		}
	}
	if o.width < 0 {
		return fmt.Errorf("--width must be positive")
	}
	switch o.style {
	case "", "auto", "dark", "light", "notty":
	default:
		return fmt.Errorf("--style %q: want dark, light or notty", o.style)
	}
	return nil
}

// load reads the corpus and reports each problem on stderr. It returns nil
// when no article could be loaded.
func (o *options) load(stderr io.Writer) *model.Timeline {
	tl, _, done := o.loadThen(stderr, false)
	done()
	return tl
}

// loadThen is load with the cache written while the caller uses the
// timeline: done waits for the writing, reports its problem and closes the
// cache. streamed: the events come as a stream (timeline.LoadStream).
func (o *options) loadThen(stderr io.Writer, streamed bool) (tl *model.Timeline, stream *timeline.Stream, done func()) {
	sc, lo, ok := o.prepare(stderr)
	if !ok {
		return nil, nil, func() {}
	}
	if f, isFile := stderr.(*os.File); isFile && term.IsTerminal(int(f.Fd())) && len(sc.Files) > 200 {
		lo.Progress = progressLine(stderr, i18n.English) // stderr speaks English, as its messages do
	}
	var later sync.WaitGroup
	var laterErr error
	lo.Later = func(job func() error) {
		later.Add(1)
		go func() {
			defer later.Done()
			laterErr = job()
		}()
	}
	if streamed {
		tl, stream = timeline.LoadStream(sc, lo)
	} else {
		tl = timeline.LoadScanned(sc, lo)
	}
	done = func() {
		later.Wait()
		if laterErr != nil {
			fmt.Fprintf(stderr, "khatt: %s\n", msg(laterErr))
		}
		if lo.Cache != nil {
			lo.Cache.Close()
		}
	}
	for _, p := range tl.Problems {
		fmt.Fprintf(stderr, "khatt: %s\n", msg(p))
	}
	if len(tl.Sources) == 0 {
		fmt.Fprintln(stderr, "khatt: no article could be loaded")
		return nil, nil, done
	}
	return tl, stream, done
}

// setMemoryLimit sets a soft memory limit in proportion to the corpus (at
// most half the machine's memory). A large corpus makes much short-lived
// garbage while it is extracted; past the limit the collector works harder
// rather than let the heap double. What stays live until the merge is
// about three and a half times the corpus's size (events, their mentions
// and the stretches of text they quote). Eight times leaves the collector
// room; past 3.5 GiB memory counts more than time, and the limit grows as
// four and a half times the corpus only: a 100k corpus (712 MB) stays
// under 4 GiB (5.7 GiB before) for some more time (131 s → 150 s in one
// pair of runs). The limit
// grows with the corpus, for a collector kept under a limit below the
// live heap would spend half the time collecting (with five times, 30k
// articles with one changed took 16 s instead of 9). GOMEMLIMIT, when
// set, decides instead.
//
// A command that writes its output and exits (oneShot: export, brief)
// collects only when the heap reaches the limit, where the machine has
// twice the limit or more: a run that ends in a second needs no
// collection before then, and one that does pays for what the limit
// makes it free, not for each doubling of a heap that starts small
// (alternating, 10k articles: warm 0.150 s instead of 0.170 s, one
// changed 0.59-0.60 s instead of 0.68-0.76 s at 0.47 GiB instead of 0.40,
// cold 3.94-3.98 s instead of 3.97-4.07 s at 0.77 GiB instead of 0.63;
// 100k with one changed 7.7 s instead of 8.6-11.8 s at 3.4 GiB instead of
// 2.7-3.0; 30k and 100k cold alike). The reader and the server, which
// run for hours, keep the collector's pacing. GOGC, when set, decides
// instead.
//
// It returns what puts back the settings it found (a test runs many
// commands in one process).
func setMemoryLimit(files []corpus.File, oneShot bool) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	var total int64
	for _, f := range files {
		total += f.Size
	}
	limit := 8 * total
	if big := int64(3584 << 20); limit > big {
		limit = max(big, total*9/2)
	}
	limit = max(768<<20, limit)
	ram := physicalMemory()
	if ram > 0 {
		limit = min(limit, max(768<<20, ram/2)) // never more than half the machine
	}
	oldLimit := debug.SetMemoryLimit(limit)
	restore = func() { debug.SetMemoryLimit(oldLimit) }
	if os.Getenv("GOGC") != "" {
		return restore
	}
	// What is live at the merge is some three and a half times the corpus;
	// where three times that fits under the limit (a corpus of up to about
	// 75 MB, 10k articles), the heap may grow to three times what is live
	// before a collection rather than two: with every article's events
	// held until the merge, collections cost a seventh of a changed
	// article's run (10k, alternating: one changed 1.70-1.95 s -> 1.53-1.77
	// s, 0.53 -> 0.61 GiB; cold 8.4-9.3 s -> 7.9-8.6 s, 0.55 -> 0.71 GiB).
	var percent int
	switch {
	case oneShot && ram > 0 && 2*limit <= ram:
		percent = -1 // the limit alone
	case 3*7*total/2 <= limit:
		percent = 200
	default:
		return restore
	}
	oldPercent := debug.SetGCPercent(percent)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// restore puts back the collector's settings prepare found.
func (o *options) restore() {
	if o.restoreGC != nil {
		o.restoreGC()
		o.restoreGC = nil
	}
}

// physicalMemory is the machine's memory in bytes (Linux), 0 if unknown.
func physicalMemory() int64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				if kb, err := strconv.ParseInt(f[0], 10, 64); err == nil {
					return kb << 10
				}
			}
		}
	}
	return 0
}

// prepare reads the lexicon, lists the corpus and opens the cache: what
// load needs before reading. ok is false (and the problems are on stderr)
// when there is nothing to read.
func (o *options) prepare(stderr io.Writer) (timeline.Scanned, timeline.LoadOptions, bool) {
	roots := []timeline.Root{{FS: seeds.FS, Path: ".", Display: func(n string) string { return "seeds/" + n }}}
	if len(o.paths) > 0 {
		roots = timeline.PathRoots(o.paths)
	}
	for i := range roots {
		roots[i].MaxBytes = o.maxBytes
	}
	// The corpus is listed while the lexicon is read, and the cache opened
	// and what it knows of every article read.
	listed := make(chan timeline.Scanned, 1)
	go func() { listed <- timeline.Scan(roots) }()
	lx, err := loadLexicon(o.lexicon)
	if err != nil {
		<-listed
		fmt.Fprintf(stderr, "khatt: %s\n", msg(err))
		return timeline.Scanned{}, timeline.LoadOptions{}, false
	}
	phases.Mark("lexicon")
	type opened struct {
		c   *cache.Cache
		err error
	}
	var cacheReady chan opened
	if len(o.paths) > 0 && !o.noCache {
		var dirs []string // the articles' keys are paths under these
		for _, r := range roots {
			if r.Abs != "" {
				dirs = append(dirs, r.Abs)
			}
		}
		cacheReady = make(chan opened, 1)
		go func() {
			c, err := cache.Open(cache.DefaultPath(), timeline.Version(lx), func(w string) {
				fmt.Fprintf(stderr, "khatt: %s\n", msg(errors.New(w)))
			})
			if err == nil {
				c.Prefetch(dirs...)
			}
			cacheReady <- opened{c, err}
		}()
	}
	sc := <-listed
	phases.Mark("scan")
	o.restoreGC = setMemoryLimit(sc.Files, o.oneShot)
	var c opened
	if cacheReady != nil {
		c = <-cacheReady
	}
	if len(sc.Files) == 0 {
		if c.c != nil {
			c.c.Close()
		}
		for _, p := range sc.Problems {
			fmt.Fprintf(stderr, "khatt: %s\n", msg(p))
		}
		fmt.Fprintln(stderr, "khatt: no article could be loaded")
		return sc, timeline.LoadOptions{}, false
	}
	lo := timeline.LoadOptions{Lexicon: lx}
	o.filter.Lexicon = lx // the Latin names of --query and of the reader's search
	if cacheReady != nil {
		// A cache that cannot be opened costs speed, never the run.
		if c.err != nil {
			fmt.Fprintf(stderr, "khatt: %s (reading without it)\n", msg(c.err))
		} else {
			lo.Cache = c.c
		}
	}
	phases.Mark("cache open")
	return sc, lo, true
}

// progressLine shows a load's progress on a terminal's stderr, on one line
// written over, and clears it at the end.
func progressLine(w io.Writer, l i18n.Labels) func(timeline.Progress) {
	last := time.Time{}
	return func(p timeline.Progress) {
		if p.Phase == "done" {
			fmt.Fprint(w, "\r\x1b[K")
			return
		}
		if time.Since(last) < 100*time.Millisecond && (p.Phase == "read" || p.Phase == "extract") {
			return
		}
		last = time.Now()
		fmt.Fprintf(w, "\r\x1b[Kkhatt: %s", l.Loading(p.Phase, p.Done, p.Total, p.Cached, p.Rate, safe.Line(p.Current, 60)))
	}
}

// fetchCmd runs khatt fetch: each feed's new items into the corpus
// directory; a feed that fails is named with its problem, the others go
// on, and the exit status is 1 when any failed.
func fetchCmd(o *options, stdout, stderr io.Writer) int {
	if o.fetch.into == "" {
		fmt.Fprintln(stderr, "khatt fetch: --into DIR is needed: the corpus directory to write into")
		return 2
	}
	if !o.given {
		fmt.Fprintln(stderr, "khatt fetch: name at least one feed URL")
		return 2
	}
	f, err := fetch.New(fetch.Options{Into: o.fetch.into, Pages: o.fetch.pages, Timeout: o.fetch.timeout, Interval: o.fetch.interval,
		UserAgent: "khatt/" + version + " (news timeline reader; +https://github.com/khatt)",
		Log:       func(format string, args ...any) { fmt.Fprintf(stderr, "khatt fetch: "+format+"\n", args...) }})
	if err != nil {
		fmt.Fprintf(stderr, "khatt fetch: %s\n", msg(err))
		return 1
	}
	code := 0
	for _, r := range f.Fetch(o.paths) {
		feed := safe.Line(r.Feed, 200)
		switch {
		case r.Err != nil:
			fmt.Fprintf(stderr, "khatt fetch: %s: %s\n", feed, msg(r.Err))
			code = 1
		case !r.Fresh:
			fmt.Fprintf(stdout, "%s: not modified since the last fetch\n", feed)
		default:
			fmt.Fprintf(stdout, "%s: %d new, %d already fetched", feed, r.New, r.Known)
			if r.Skipped > 0 {
				fmt.Fprintf(stdout, ", %d without text", r.Skipped)
			}
			fmt.Fprintln(stdout)
		}
	}
	return code
}

// cacheCmd runs khatt cache [stats|prune|clear].
func cacheCmd(o *options, stdout, stderr io.Writer) int {
	what := "stats"
	if len(o.paths) > 0 {
		what = o.paths[0]
	}
	if len(o.paths) > 1 || what != "stats" && what != "prune" && what != "clear" {
		fmt.Fprintln(stderr, "khatt cache: want stats, prune or clear")
		return 2
	}
	lx, err := loadLexicon(o.lexicon)
	if err != nil {
		fmt.Fprintf(stderr, "khatt cache: %s\n", msg(err))
		return 1
	}
	c, err := cache.Open(cache.DefaultPath(), timeline.Version(lx), func(w string) { fmt.Fprintf(stderr, "khatt cache: %s\n", msg(errors.New(w))) })
	if err != nil {
		fmt.Fprintf(stderr, "khatt cache: %s\n", msg(err))
		return 1
	}
	defer c.Close()
	switch what {
	case "clear":
		err = c.Clear()
	case "prune":
		var n int
		n, err = c.Prune(func(key string) bool { _, err := os.Stat(key); return err == nil })
		if err == nil {
			fmt.Fprintf(stdout, "dropped the entries of other versions and of %d files no longer there\n", n)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "khatt cache: %s\n", msg(err))
		return 1
	}
	st, err := c.Stats()
	if err != nil {
		fmt.Fprintf(stderr, "khatt cache: %s\n", msg(err))
		return 1
	}
	fmt.Fprintf(stdout, "cache:     %s (%.1f MB)\narticles:  %d (%d of this version of khatt and its lexicons)\ntimelines: %d\nversion:   %s\n",
		st.Path, float64(st.Bytes)/(1<<20), st.Articles, st.Current, st.Timelines, st.Version)
	return 0
}

// parseSize reads «16MB», «500KB», «2000».
func parseSize(v string) (int64, error) {
	u := strings.ToUpper(strings.TrimSpace(v))
	mult := int64(1)
	for _, suf := range []struct {
		s string
		m int64
	}{{"MB", 1 << 20}, {"M", 1 << 20}, {"KB", 1 << 10}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(u, suf.s) {
			u, mult = strings.TrimSpace(strings.TrimSuffix(u, suf.s)), suf.m
			break
		}
	}
	n, err := strconv.ParseInt(u, 10, 64)
	if err != nil || n <= 0 || n > 1<<40/mult {
		return 0, fmt.Errorf("%q: want a size such as 16MB, 500KB or 20000", safe.Line(v, 40))
	}
	return n * mult, nil
}

// msg is an error as one line of stderr: controls shown, not sent (a file
// name or a flag value may carry ESC), and at most a few hundred letters.
func msg(err error) string { return safe.Line(err.Error(), 400) }

// exitPartial is the exit status when some articles failed to load and
// the others were used: the output is complete for what was read.
const exitPartial = 3

// partial is the exit status of a command that ran on the loaded articles.
func partial(tl *model.Timeline) int {
	if len(tl.Problems) > 0 {
		return exitPartial
	}
	return 0
}

func loadLexicon(dir string) (*lexicon.Lexicon, error) {
	if dir == "" {
		return lexicon.Default(), nil
	}
	return lexicon.Load(os.DirFS(dir))
}

func (o *options) corpusName() string {
	if len(o.paths) == 0 {
		return "seeds"
	}
	return strings.Join(o.paths, " ")
}

func export(o *options, stdout, stderr io.Writer) int {
	if o.bom && o.format != "csv" {
		fmt.Fprintf(stderr, "khatt export: --bom is for --format csv\n")
		return 2
	}
	streamed := timeline.Streams(o.format)
	o.oneShot = true
	defer o.restore()
	tl, stream, done := o.loadThen(stderr, streamed)
	defer done()
	if tl == nil {
		return 1
	}
	phases.Mark("loaded")
	if streamed {
		if err := timeline.WriteStream(stdout, o.format, tl, stream, o.filter); err != nil {
			fmt.Fprintf(stderr, "khatt export: %s\n", msg(err))
			return 2
		}
		phases.Mark("written")
		return partial(tl)
	}
	events := o.filter.Apply(tl.Events)
	if o.bom {
		// Excel reads a CSV without it in the system's code page.
		io.WriteString(stdout, "\ufeff")
	}
	if err := timeline.Write(stdout, o.format, tl, events, o.labels); err != nil {
		fmt.Fprintf(stderr, "khatt export: %s\n", msg(err))
		return 2
	}
	if n := timeline.ICSLeftOut(events); o.format == "ics" && n > 0 {
		fmt.Fprintf(stderr, "khatt export: %d events known only to the month or the year are not in the calendar (see them with --format md or json)\n", n)
	}
	phases.Mark("written")
	return partial(tl)
}

func brief(o *options, stdout, stderr io.Writer) int {
	if o.pager == "" {
		o.pager = "auto" // browse, printing a briefing
	}
	if o.pager != "auto" && o.pager != "always" && o.pager != "never" {
		fmt.Fprintf(stderr, "khatt brief: --pager %q: want auto, always or never\n", safe.Line(o.pager, 40))
		return 2
	}
	o.oneShot = true
	defer o.restore()
	tl, _, done := o.loadThen(stderr, false)
	defer done()
	if tl == nil {
		return 1
	}
	events := o.filter.Apply(tl.Events)
	if !isTerminal(stdout) && o.width == 0 {
		if err := timeline.WriteBrief(stdout, tl, events, o.labels, nil, timeline.FilterSummary(o.filter, o.labels)); err != nil {
			fmt.Fprintf(stderr, "khatt brief: %s\n", msg(err))
			return 1
		}
		return partial(tl)
	}
	width := o.width
	if width == 0 {
		width = 80
		if f, ok := stdout.(*os.File); ok {
			if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 20 {
				// The last column stays empty: a line that reaches it leaves
				// the cursor waiting to wrap, and a zero-width mark after it
				// (an isolate's end) wraps it in tmux.
				width = w - 1
			}
		}
	}
	var mode rtl.Mode // --width with stdout not a terminal: the app's bidi, no sequences
	var r *lipgloss.Renderer
	style := o.style
	if isTerminal(stdout) {
		t, err := o.terminal(stdout, true, true)
		if err != nil {
			fmt.Fprintf(stderr, "khatt brief: %s\n", msg(err))
			return 2
		}
		defer t.restore()
		mode, r = t.bidi.RTLMode(), t.renderer
		if style == "" || style == "auto" {
			style = ui.MarkdownStyle(r, os.Getenv("NO_COLOR") != "")
		}
	} else {
		b, err := ui.DecideBidi(o.bidi, o.shape, o.strip, os.Getenv, nil)
		if err != nil {
			fmt.Fprintf(stderr, "khatt brief: %s\n", msg(err))
			return 2
		}
		mode = b.RTLMode()
		if style == "" || style == "auto" {
			style = "notty"
		}
	}
	var page bytes.Buffer
	if err := ui.WriteBrief(&page, tl, events, o.labels, timeline.FilterSummary(o.filter, o.labels), width, style, mode, r); err != nil {
		fmt.Fprintf(stderr, "khatt brief: %s\n", msg(err))
		return 1
	}
	if err := o.showPage(stdout, stderr, page.Bytes()); err != nil {
		fmt.Fprintf(stderr, "khatt brief: %s\n", msg(err))
		return 1
	}
	return partial(tl)
}

// showPage writes a briefing to stdout, through a pager when it is a
// terminal and the briefing is taller than it (--pager auto), or always
// (--pager always, -p), never with --pager never: $KHATT_PAGER, else
// $PAGER, else less (with LESS=FRX unless LESS is set: colours pass, a
// page that fits is not held). A pager that cannot start is skipped with
// a warning.
func (o *options) showPage(stdout, stderr io.Writer, page []byte) error {
	f, ok := stdout.(*os.File)
	mode := o.pager
	if o.pageAlways {
		mode = "always"
	}
	if !ok || !isTerminal(stdout) || mode == "never" {
		_, err := stdout.Write(page)
		return err
	}
	if mode == "auto" {
		_, h, err := term.GetSize(int(f.Fd()))
		if err != nil || bytes.Count(page, []byte("\n")) < h {
			_, err := stdout.Write(page)
			return err
		}
	}
	pager := firstOf(os.Getenv("KHATT_PAGER"), os.Getenv("PAGER"), "less")
	cmd := exec.Command("sh", "-c", pager)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(page), f, stderr
	cmd.Env = os.Environ()
	if os.Getenv("LESS") == "" {
		cmd.Env = append(cmd.Env, "LESS=FRX")
	}
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return nil // the pager ran; how it ended is its business (q, a broken pipe)
		}
		fmt.Fprintf(stderr, "khatt brief: the pager %q did not start (%s): printing instead\n", safe.Line(pager, 80), msg(err))
		_, err := stdout.Write(page)
		return err
	}
	return nil
}

// tty is the terminal khatt draws on: the bidi decision, the renderer and
// the way back to how the terminal was.
type tty struct {
	out      io.Writer
	bidi     ui.Bidi
	renderer *lipgloss.Renderer
	once     sync.Once
	stopOnce sync.Once
	stop     chan struct{}
}

// terminal asks the terminal once (with a hard deadline, see
// ui.ProbeTerminal), decides the bidi mode and the colours, and, given
// enter, switches the terminal's bidi off when the app does it. restore
// must follow on every way out; SIGINT, SIGTERM and SIGHUP restore and exit
// until then or until handOver (the reader restores the terminal itself).
// printing is for text that stays on the main screen (see
// ui.Bidi.ForPrinting).
func (o *options) terminal(stdout io.Writer, enter, printing bool) (*tty, error) {
	probe := func() ui.Probe { return ui.ProbeTerminal(ui.ProbeTimeout) }
	b, err := ui.DecideBidi(o.bidi, o.shape, o.strip, os.Getenv, probe)
	if err != nil {
		return nil, err
	}
	if printing {
		b = b.ForPrinting()
	}
	t := &tty{bidi: b, renderer: ui.NewRenderer(stdout, os.Getenv, b.Probe), stop: make(chan struct{})}
	if enter && b.Enter != "" {
		t.out = stdout
		io.WriteString(stdout, b.Enter)
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		defer signal.Stop(sigs)
		select {
		case sig := <-sigs:
			t.restore()
			code := 130
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-t.stop:
		}
	}()
	return t, nil
}

// restore puts the terminal's bidi back as it was; it runs once.
func (t *tty) restore() {
	t.handOver()
	t.once.Do(func() {
		if t.bidi.Exit != "" && t.out != nil {
			io.WriteString(t.out, t.bidi.Exit)
		}
	})
}

// handOver stops the signal handling of terminal.
func (t *tty) handOver() { t.stopOnce.Do(func() { close(t.stop) }) }

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// browse runs the reader, or prints the briefing when stdout is not a
// terminal. The terminal's bidi is switched off before the first frame (app
// mode) and restored on every way out: a normal quit, SIGTERM or SIGHUP,
// and a panic.
func browse(o *options, stdout, stderr io.Writer) (code int) {
	if !isTerminal(stdout) {
		return brief(o, stdout, stderr)
	}
	// The corpus is listed now (a wrong path is an error before the screen
	// changes) and read while the reader already shows (LoadingMsg).
	sc, lo, ok := o.prepare(stderr)
	if !ok {
		return 1
	}
	t, err := o.terminal(stdout, false, false)
	if err != nil {
		fmt.Fprintf(stderr, "khatt: %s\n", msg(err))
		return 2
	}
	t.handOver() // Bubble Tea restores the terminal; the hook below, its bidi
	glam := ""
	if o.style == "dark" || o.style == "light" || o.style == "notty" {
		glam = o.style
	}
	m := ui.New(&model.Timeline{}, ui.Options{Labels: o.labels, Bidi: t.bidi, Renderer: t.renderer, NoColor: os.Getenv("NO_COLOR") != "",
		Corpus: o.corpusName(), Filter: o.filter, GlamourStyle: glam, Loading: true})
	// The terminal's bidi is switched off once the reader is on the
	// alternate screen and back on before it leaves it (ui.Output).
	var p *tea.Program
	repaint := func() { p.Send(ui.RepaintMsg{}) }
	p = tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithOutput(ui.Output(stdout, t.bidi, repaint)))
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; ok {
			p.Quit()
		}
	}()
	go func() {
		lo.Progress = func(pr timeline.Progress) { p.Send(ui.LoadingMsg(pr)) }
		lo.Partial = func(tl *model.Timeline) { p.Send(ui.PartialMsg{Timeline: tl}) }
		tl := timeline.LoadScanned(sc, lo)
		if lo.Cache != nil {
			lo.Cache.Close()
		}
		p.Send(ui.LoadedMsg{Timeline: tl})
	}()
	// A corpus on disk is followed while the reader runs: what is added,
	// changed or removed shows within two seconds, the selection kept.
	if len(o.paths) > 0 {
		if w, err := o.watch(func(tl *model.Timeline) { p.Send(ui.LoadedMsg{Timeline: tl, Updated: true}) }); err == nil {
			defer w.Close()
		} else {
			go p.Send(ui.NoticeMsg(o.labels.NotWatching + ": " + msg(err)))
		}
	}
	if _, err := p.Run(); err != nil {
		fmt.Fprintf(stderr, "khatt: %s\n", msg(err))
		return 1
	}
	return 0
}

// watch follows the corpus directories: after a change (and a quiet
// moment) the corpus is listed and loaded again, through the cache so
// that only changed files are read, and given to update. Problems go
// into the timeline's (p in the reader; the server's log), never to the
// terminal.
func (o *options) watch(update func(*model.Timeline)) (*watch.Watcher, error) {
	var mu sync.Mutex // one reload at a time; a change during one is seen after
	reload := func() {
		mu.Lock()
		defer mu.Unlock()
		sc, lo, ok := o.prepare(io.Discard)
		if !ok {
			update(&model.Timeline{Problems: sc.Problems})
			return
		}
		tl := timeline.LoadScanned(sc, lo)
		if lo.Cache != nil {
			lo.Cache.Close()
		}
		update(tl)
	}
	return watch.New(o.paths, corpusFile, 300*time.Millisecond, func() { go reload() })
}

// corpusFile reports whether a file's change changes the corpus: an
// article or a directory's metadata file.
func corpusFile(name string) bool {
	return corpus.IsArticleName(name) || filepath.Base(name) == corpus.MetaFile
}

type serveFlags struct {
	listen, hostKey, authorized string
	idle                        time.Duration
	max                         int
}

// dataPath is a file under $XDG_DATA_HOME/khatt (~/.local/share/khatt).
func dataPath(name string) string {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return name
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "khatt", name)
}

func filepathDir(p string) string { return filepath.Dir(p) }

// serve runs the SSH server until SIGINT or SIGTERM; SIGHUP reloads the
// corpus.
func serve(o *options, _, stderr io.Writer) int {
	logger := log.New(stderr, "khatt serve: ", log.LstdFlags)
	if err := os.MkdirAll(filepath.Dir(o.serve.hostKey), 0o700); err != nil {
		logger.Print(err)
		return 1
	}
	load := func() (*model.Timeline, error) {
		var problems strings.Builder
		tl := o.load(&problems)
		if problems.Len() > 0 {
			logger.Print(strings.TrimSpace(problems.String()))
		}
		if tl == nil {
			return nil, errors.New("no article could be loaded")
		}
		return tl, nil
	}
	srv, err := server.New(server.Config{Listen: o.serve.listen, HostKey: o.serve.hostKey, AuthorizedKeys: o.serve.authorized,
		IdleTimeout: o.serve.idle, MaxSessions: o.serve.max, Lang: o.lang, Filter: o.filter, Load: load, Log: logger})
	if err != nil {
		logger.Print(err)
		return 1
	}
	// SIGHUP and changes on disk reload the corpus, one reload at a time.
	var reloading sync.Mutex
	reload := func(why string) {
		reloading.Lock()
		defer reloading.Unlock()
		if err := srv.Reload(); err != nil {
			logger.Printf("reload after %s: %v (keeping the current corpus)", why, err)
		}
	}
	if len(o.paths) > 0 {
		if w, err := watch.New(o.paths, corpusFile, 300*time.Millisecond, func() { go reload("a change on disk") }); err != nil {
			logger.Printf("changes to the corpus are not followed (%v): reload with kill -HUP", err)
		} else {
			defer w.Close()
		}
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe() }()
	for {
		select {
		case err := <-done:
			if err != nil {
				logger.Print(err)
				return 1
			}
			return 0
		case sig := <-sigs:
			if sig == syscall.SIGHUP {
				reload("SIGHUP")
				continue
			}
			logger.Printf("%s: shutting down", sig)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			if err := srv.Shutdown(ctx); err != nil {
				logger.Printf("shutdown: %v", err)
			}
			cancel()
			<-done
			return 0
		}
	}
}

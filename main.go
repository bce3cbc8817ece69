// Command khatt builds a chronological timeline of the visits, talks and
// statements reported in Arabic news articles, and shows it in a
// right-to-left terminal reader or exports it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"khatt/model"
	"khatt/seeds"
	"khatt/timeline"
	"khatt/ui"
)

const usage = `khatt — a timeline of visits, talks and statements in Arabic news.

Usage:
  khatt [flags] [PATH...]                 browse the timeline (the seed articles when no PATH)
  khatt export --format json [PATH...]    print the timeline as JSON

PATH is an article (.txt or .md) or a directory of them (searched recursively).

Flags:
  --lang ar|en           interface language (default ar; env KHATT_LANG)
  --bidi auto|app|terminal|off
                         who draws right-to-left text: the app (which then
                         switches the terminal's own bidi off), the terminal,
                         or nobody; auto asks the terminal (env KHATT_BIDI)
  --shape auto|forms|none
                         join Arabic letters with presentation forms (auto:
                         in app mode) (env KHATT_SHAPE)
  --strip-harakat        do not draw harakat
  --lexicon DIR          read lexicon files (triggers.txt, cues.txt,
                         gazetteer.txt, calendar.txt, names.txt) from DIR
                         instead of the built-in ones
  --help                 show this help

Examples:
  khatt
  khatt --lang en ~/articles/iraq/
  KHATT_BIDI=terminal khatt          # in Konsole with its bidi on
  khatt export --format json > timeline.json
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	cmd := ""
	if len(args) > 0 && args[0] == "export" {
		cmd, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("khatt", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lexDir := fs.String("lexicon", "", "directory of lexicon files")
	format := fs.String("format", "json", "export format")
	lang := fs.String("lang", os.Getenv("KHATT_LANG"), "interface language")
	bidiFlag := fs.String("bidi", os.Getenv("KHATT_BIDI"), "bidi mode")
	shapeFlag := fs.String("shape", os.Getenv("KHATT_SHAPE"), "shaping")
	strip := fs.Bool("strip-harakat", false, "drop harakat")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "khatt: %v (see khatt --help)\n", err)
		return 2
	}
	lx, err := loadLexicon(*lexDir)
	if err != nil {
		fmt.Fprintf(stderr, "khatt: %v\n", err)
		return 2
	}
	roots := []timeline.Root{{FS: seeds.FS, Path: ".", Display: func(n string) string { return "seeds/" + n }}}
	if fs.NArg() > 0 {
		roots = timeline.PathRoots(fs.Args())
	}
	tl := timeline.LoadTimeline(roots, lx)
	for _, p := range tl.Problems {
		fmt.Fprintf(stderr, "khatt: %v\n", p)
	}
	if len(tl.Sources) == 0 {
		fmt.Fprintln(stderr, "khatt: no article could be loaded")
		return 1
	}
	switch cmd {
	case "export":
		if *format != "json" {
			fmt.Fprintf(stderr, "khatt: unknown export format %q (want json)\n", *format)
			return 2
		}
		if err := timeline.WriteJSON(stdout, tl); err != nil {
			fmt.Fprintf(stderr, "khatt: %v\n", err)
			return 1
		}
		return 0
	}
	labels, err := ui.LabelsFor(*lang)
	if err != nil {
		fmt.Fprintf(stderr, "khatt: --lang: %v\n", err)
		return 2
	}
	if !isTerminal(stdout) {
		return list(tl, stdout)
	}
	probe := func() ui.Probe { return ui.ProbeTerminal(300 * time.Millisecond) }
	bidi, err := ui.DecideBidi(*bidiFlag, *shapeFlag, *strip, os.Getenv, probe)
	if err != nil {
		fmt.Fprintf(stderr, "khatt: %v\n", err)
		return 2
	}
	corpus := "seeds"
	if fs.NArg() > 0 {
		corpus = fmt.Sprint(fs.Args())
		if fs.NArg() == 1 {
			corpus = fs.Arg(0)
		}
	}
	m := ui.New(tl, ui.Options{Labels: labels, Bidi: bidi, NoColor: os.Getenv("NO_COLOR") != "", Corpus: corpus})
	return browse(m, bidi, stdout, stderr)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// browse runs the reader. The terminal's bidi is switched off before the
// first frame (app mode) and restored on every way out: a normal quit,
// SIGTERM or SIGHUP, and a panic.
func browse(m *ui.Model, bidi ui.Bidi, stdout, stderr io.Writer) (code int) {
	restore := func() {
		if bidi.Exit != "" {
			io.WriteString(stdout, bidi.Exit)
		}
	}
	if bidi.Enter != "" {
		io.WriteString(stdout, bidi.Enter)
	}
	defer restore()
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithOutput(stdout))
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; ok {
			p.Quit()
		}
	}()
	defer func() {
		if r := recover(); r != nil {
			restore()
			panic(r)
		}
	}()
	if _, err := p.Run(); err != nil {
		fmt.Fprintf(stderr, "khatt: %v\n", err)
		return 1
	}
	return 0
}

func loadLexicon(dir string) (*timeline.Lexicon, error) {
	if dir == "" {
		return timeline.LoadLexicon(nil)
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("--lexicon %s: not a directory", dir)
	}
	return timeline.LoadLexicon(os.DirFS(dir))
}

// list prints the timeline when stdout is not a terminal: one event a line.
func list(tl *model.Timeline, stdout io.Writer) int {
	for _, e := range tl.Events {
		fmt.Fprintf(stdout, "%-10s %-9s %s  [%d]\n", e.Date.String(), e.Type, e.Summary, len(e.Mentions))
	}
	return 0
}

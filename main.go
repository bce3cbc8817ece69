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

	"khatt/model"
	"khatt/seeds"
	"khatt/timeline"
)

const usage = `khatt — a timeline of visits, talks and statements in Arabic news.

Usage:
  khatt [flags] [PATH...]                 browse the timeline (the seed articles when no PATH)
  khatt export --format json [PATH...]    print the timeline as JSON

PATH is an article (.txt or .md) or a directory of them (searched recursively).

Flags:
  --lexicon DIR   read lexicon files (triggers.txt, cues.txt, gazetteer.txt,
                  calendar.txt, names.txt) from DIR instead of the built-in ones
  --help          show this help

Examples:
  khatt
  khatt export --format json > timeline.json
  khatt export --format json ~/articles/iraq/
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
	return browse(tl, stdout, stderr)
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

// browse shows the timeline. Until the interactive reader lands it prints a
// plain listing.
func browse(tl *model.Timeline, stdout, _ io.Writer) int {
	for _, e := range tl.Events {
		fmt.Fprintf(stdout, "%-10s %-9s %s  [%d]\n", e.Date.String(), e.Type, e.Summary, len(e.Mentions))
	}
	return 0
}

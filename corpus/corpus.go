// Package corpus reads articles: files and directories over io/fs, their
// encoding, front matter and metadata files. It is the first stage of
// khatt's pipeline and knows nothing about Arabic or events.
package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"khatt/model"
)

// MetaFile is the name of the per-directory metadata file for articles that
// cannot carry front matter: INI sections named after the article file,
// holding the front-matter keys.
const MetaFile = "meta.ini"

// LoadError is a problem with one file. It names the file, and the line or
// byte offset where that helps.
type LoadError struct {
	Path   string
	Line   int // 1-based; 0 when not about a line
	Offset int // byte offset; -1 when not about a byte
	Err    error
}

func (e *LoadError) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	case e.Offset >= 0:
		return fmt.Sprintf("%s: byte %d: %v", e.Path, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *LoadError) Unwrap() error { return e.Err }

func fileErr(p string, err error) *LoadError { return &LoadError{Path: p, Offset: -1, Err: err} }

// Root is one place to load articles from: a file system and a path in it
// (a file or a directory). Display is how paths under it are shown to people.
type Root struct {
	FS      fs.FS
	Path    string
	Display func(name string) string
}

// Load reads every article under the roots (directories recursively, .txt
// and .md files) and returns them in a stable order. Every problem is
// returned as a *LoadError; a broken article never stops the others.
func Load(roots []Root) ([]model.Source, []error) {
	var srcs []model.Source
	var problems []error
	ids := map[string]int{}
	for _, r := range roots {
		display := r.Display
		if display == nil {
			display = func(n string) string { return n }
		}
		names, metas, err := listArticles(r.FS, r.Path)
		if err != nil {
			problems = append(problems, fileErr(display(r.Path), err))
			continue
		}
		metaCache := map[string]map[string]map[string]string{}
		for dir := range metas {
			meta, err := readMeta(r.FS, path.Join(dir, MetaFile), display)
			if err != nil {
				problems = append(problems, err)
			}
			metaCache[dir] = meta
		}
		// Reading and parsing run on every core; results keep the file order.
		type result struct {
			src model.Source
			err error
		}
		results := make([]result, len(names))
		Parallel(len(names), func(i int) {
			name := names[i]
			data, err := fs.ReadFile(r.FS, name)
			if err != nil {
				results[i].err = fileErr(display(name), fmt.Errorf("cannot read: %w", unwrapPath(err)))
				return
			}
			results[i].src, results[i].err = ParseArticle(display(name), data, metaCache[path.Dir(name)][path.Base(name)])
		})
		for _, res := range results {
			if res.err != nil {
				problems = append(problems, res.err)
				continue
			}
			src := res.src
			// Two files with one name in different directories keep distinct IDs.
			if n := ids[src.ID]; n > 0 {
				ids[src.ID] = n + 1
				src.ID = fmt.Sprintf("%s~%d", src.ID, n+1)
			} else {
				ids[src.ID] = 1
			}
			srcs = append(srcs, src)
		}
	}
	return srcs, problems
}

// Parallel calls fn(0) … fn(n-1) on every core and waits for them.
func Parallel(n int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// listArticles returns the article files at or under p, sorted, and the
// directories that hold a metadata file.
func listArticles(fsys fs.FS, p string) ([]string, map[string]bool, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, nil, unwrapPath(err)
	}
	metas := map[string]bool{}
	if !info.IsDir() {
		if _, err := fs.Stat(fsys, path.Join(path.Dir(p), MetaFile)); err == nil {
			metas[path.Dir(p)] = true
		}
		return []string{p}, metas, nil
	}
	var names []string
	err = fs.WalkDir(fsys, p, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == p {
				return err
			}
			return nil // an unreadable subdirectory is skipped; its files were never listed
		}
		if d.IsDir() {
			if name != p && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Name() == MetaFile:
			metas[path.Dir(name)] = true
		case strings.HasSuffix(d.Name(), ".txt") || strings.HasSuffix(d.Name(), ".md"):
			names = append(names, name)
		}
		return nil
	})
	sort.Strings(names)
	return names, metas, unwrapPath(err)
}

// ParseArticle checks and reads one article: encoding, front matter, the
// metadata given for it, and a title from its first lines when none is
// given. The publication date and outlet the text itself states are read
// by later stages.
func ParseArticle(display string, data []byte, meta map[string]string) (model.Source, error) {
	src := model.Source{Path: display, Lang: "ar"}
	base := path.Base(strings.ReplaceAll(display, "\\", "/"))
	src.ID = strings.TrimSuffix(base, path.Ext(base))
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return src, &LoadError{Path: display, Offset: i, Err: errors.New("binary file (NUL byte), not an article")}
	}
	if !utf8.Valid(data) {
		off := invalidUTF8At(data)
		return src, &LoadError{Path: display, Line: 1 + bytes.Count(data[:off], []byte("\n")), Offset: off,
			Err: fmt.Errorf("invalid UTF-8 at byte %d (is the file in another encoding?)", off)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return src, fileErr(display, errors.New("empty file"))
	}
	src.Text = string(data)
	fm, bodyStart, err := parseFrontMatter(display, src.Text)
	if err != nil {
		return src, err
	}
	src.BodyStart = bodyStart
	if strings.TrimSpace(src.Text[bodyStart:]) == "" {
		return src, fileErr(display, errors.New("no article text after the front matter"))
	}
	// Front matter wins over the directory's metadata file.
	fields := map[string]string{}
	for k, v := range meta {
		fields[k] = v
	}
	for k, v := range fm.values {
		fields[k] = v
	}
	for k, v := range fields {
		switch k {
		case "title":
			src.Title = v
		case "outlet":
			src.Outlet = v
		case "url":
			src.URL = v
		case "lang":
			src.Lang = v
		case "published":
			d, err := parsePublished(v)
			if err != nil {
				line := fm.lines[k]
				if _, inFM := fm.values[k]; !inFM {
					return src, fileErr(display, fmt.Errorf("%s: published: %w", MetaFile, err))
				}
				return src, &LoadError{Path: display, Line: line, Offset: -1, Err: fmt.Errorf("published: %w", err)}
			}
			src.Published = d
		default:
			if src.Extra == nil {
				src.Extra = map[string]string{}
			}
			src.Extra[k] = v
		}
	}
	lines := bodyLines(src.Text, bodyStart)
	if src.Title == "" {
		src.Title = titleFrom(lines)
	}
	return src, nil
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func parsePublished(v string) (model.Date, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return model.DayOf(t.Date()), nil
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return model.DayOf(t.Date()), nil
	}
	return model.Date{}, fmt.Errorf("bad date %q: want YYYY-MM-DD or RFC 3339", v)
}

func bodyLines(text string, from int) []string {
	var out []string
	for _, l := range strings.Split(text[from:], "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// titleFrom takes the first line that reads as a headline (two to twenty
// words, no full stop at the end), else the first words of the text.
func titleFrom(lines []string) string {
	for i, l := range lines {
		if i > 3 {
			break
		}
		n := len(strings.Fields(l))
		if n >= 2 && n <= 20 && !strings.HasSuffix(l, ".") {
			return l
		}
	}
	if len(lines) == 0 {
		return ""
	}
	words := strings.Fields(lines[0])
	if len(words) > 12 {
		return strings.Join(words[:12], " ") + "…"
	}
	return lines[0]
}

type frontMatter struct {
	values map[string]string
	lines  map[string]int
}

// parseFrontMatter reads a leading block between two "---" lines of
// "key: value" pairs. It returns where the body starts.
func parseFrontMatter(display, text string) (frontMatter, int, error) {
	fm := frontMatter{values: map[string]string{}, lines: map[string]int{}}
	lines := strings.SplitAfter(text, "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return fm, 0, nil
	}
	closing := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			closing = i
			break
		}
	}
	if closing < 0 {
		return fm, 0, &LoadError{Path: display, Line: 1, Offset: -1,
			Err: errors.New("front matter opened with --- is never closed")}
	}
	body := 0
	for i, l := range lines {
		if i <= closing {
			body += len(l)
		}
		if i == 0 || i >= closing {
			continue
		}
		trimmed := strings.TrimSpace(l)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		k, v, ok := strings.Cut(trimmed, ":")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			return fm, 0, &LoadError{Path: display, Line: i + 1, Offset: -1,
				Err: fmt.Errorf("front matter: want \"key: value\", got %q", trimmed)}
		}
		fm.values[k] = strings.Trim(strings.TrimSpace(v), `"'`)
		fm.lines[k] = i + 1
	}
	return fm, body, nil
}

// readMeta parses a metadata file: "[file name]" sections of "key: value".
func readMeta(fsys fs.FS, name string, display func(string) string) (map[string]map[string]string, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fileErr(display(name), fmt.Errorf("cannot read: %w", unwrapPath(err)))
	}
	if !utf8.Valid(data) {
		return nil, fileErr(display(name), errors.New("invalid UTF-8"))
	}
	out := map[string]map[string]string{}
	var cur map[string]string
	for i, l := range strings.Split(string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, ";"):
		case strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]"):
			cur = map[string]string{}
			out[strings.TrimSpace(l[1:len(l)-1])] = cur
		default:
			k, v, ok := strings.Cut(l, ":")
			if !ok {
				k, v, ok = strings.Cut(l, "=")
			}
			if !ok || cur == nil {
				return out, &LoadError{Path: display(name), Line: i + 1, Offset: -1,
					Err: fmt.Errorf("want \"[file]\" or \"key: value\", got %q", l)}
			}
			cur[strings.ToLower(strings.TrimSpace(k))] = strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return out, nil
}

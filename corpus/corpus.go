// Package corpus reads articles: files and directories over io/fs, their
// encoding, front matter and metadata files. It is the first stage of
// khatt's pipeline and knows nothing about Arabic or events.
package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"

	"khatt/internal/par"
	"khatt/model"
	"khatt/safe"
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
	// A file name is the attacker's too: its controls are shown, not sent.
	p := safe.Line(e.Path, 0)
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", p, e.Line, e.Err)
	case e.Offset >= 0:
		return fmt.Sprintf("%s: byte %d: %v", p, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: %v", p, e.Err)
}

func (e *LoadError) Unwrap() error { return e.Err }

func fileErr(p string, err error) *LoadError { return &LoadError{Path: p, Offset: -1, Err: err} }

// Root is one place to load articles from: a file system and a path in it
// (a file or a directory). Display is how paths under it are shown to
// people. MaxBytes caps the size of one file (0: DefaultMaxBytes).
type Root struct {
	FS       fs.FS
	Path     string
	Display  func(name string) string
	MaxBytes int64
	// Abs is the root's directory on disk, for a cache to know its files
	// by; "" for a corpus that is not on disk.
	Abs string
}

// DefaultMaxBytes is the largest article file read (--max-file-size): a
// news article is tens of kilobytes; anything near this is not one.
const DefaultMaxBytes = 16 << 20

// Extensions are the article file name endings read, in any letter case.
var Extensions = []string{".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ".rss", ".atom", ".xml"}

// IsArticleName reports whether a file name has an article extension.
func IsArticleName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// Load reads every article under the roots (directories recursively, .txt
// and .md files) and returns them in a stable order. Every problem is
// returned as a *LoadError; a broken article never stops the others.
func Load(roots []Root) ([]model.Source, []error) {
	files, problems := Scan(roots)
	srcs := make([]model.Source, len(files))
	errs := make([]error, len(files))
	// Reading and parsing run on every core; results keep the file order.
	par.Each(len(files), func(i int) { srcs[i], errs[i] = files[i].Read() })
	var out []model.Source
	for i := range files {
		if errs[i] != nil {
			problems = append(problems, errs[i])
			continue
		}
		out = append(out, srcs[i])
	}
	UniqueIDs(out)
	return out, problems
}

// File is one article file found by Scan, not yet read.
type File struct {
	Name    string // its path in its root's file system
	Display string // its path as shown to people
	// Key identifies the file across runs (its absolute path on disk), ""
	// when it has none (an embedded corpus).
	Key     string
	Size    int64
	ModTime int64             // nanoseconds since the epoch
	Meta    map[string]string // what the directory's metadata file says of it
	root    *Root
	maxB    int64
	// An article of a dump or a feed: its identity in the container, and
	// its text until it is first read (then the container is read again).
	itemID string
	item   *item
}

// Scan lists the article files under the roots, in a stable order, with
// their size and modification time, reading only the directories'
// metadata files; what cannot be listed is returned as *LoadError.
func Scan(roots []Root) ([]File, []error) {
	var files []File
	var problems []error
	for ri := range roots {
		r := &roots[ri]
		display := r.Display
		if display == nil {
			display = func(n string) string { return n }
		}
		names, metas, skipped, err := listArticles(r.FS, r.Path)
		if err != nil {
			problems = append(problems, fileErr(display(r.Path), err))
			continue
		}
		for _, sk := range skipped {
			problems = append(problems, fileErr(display(sk.name), sk.err))
		}
		maxBytes := r.MaxBytes
		if maxBytes <= 0 {
			maxBytes = DefaultMaxBytes
		}
		metaCache := map[string]map[string]map[string]string{}
		for dir := range metas {
			meta, err := readMeta(r.FS, path.Join(dir, MetaFile), display, maxBytes)
			if err != nil {
				problems = append(problems, err)
			}
			metaCache[dir] = meta
		}
		for _, l := range names {
			name := l.name
			f := File{Name: name, Display: display(name), Meta: metaCache[path.Dir(name)][path.Base(name)], root: r, maxB: maxBytes}
			info := l.info
			if info == nil {
				info, _ = fs.Stat(r.FS, name)
			}
			if info != nil {
				f.Size, f.ModTime = info.Size(), info.ModTime().UnixNano()
			}
			if r.Abs != "" {
				f.Key = filepath.Join(r.Abs, filepath.FromSlash(name))
			}
			if k := kindOf(name); k == kindJSONL || k == kindFeed {
				// A dump or a feed: each of its articles is a file of its own.
				items, errs := f.readContainer(k)
				problems = append(problems, errs...)
				for i := range items {
					it := &items[i]
					g := f
					g.itemID, g.item = it.id, it
					g.Display = f.Display + itemSuffix(k, it.id, i)
					if f.Key != "" {
						g.Key = f.Key + "#" + it.id
					}
					files = append(files, g)
				}
				continue
			}
			files = append(files, f)
		}
	}
	return files, problems
}

// Read reads and parses the file (see ParseArticle); the source's Hash is
// the SHA-256 of its bytes and of the metadata given for it.
func (f *File) Read() (src model.Source, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fileErr(f.Display, fmt.Errorf("internal error reading this file: %v", p))
		}
	}()
	var data []byte
	meta := f.Meta
	switch kind := kindOf(f.Name); {
	case f.itemID != "":
		it := f.item
		f.item = nil // read again from the container when shown again
		if it == nil {
			items, _ := f.readContainer(kind)
			for i := range items {
				if items[i].id == f.itemID {
					it = &items[i]
				}
			}
			if it == nil {
				return src, fileErr(f.Display, errors.New("no longer in its file"))
			}
		}
		data, meta = []byte(it.text), overlay(it.meta, f.Meta)
	case kind == kindHTML:
		page, err := ReadRegular(f.root.FS, f.Name, f.maxB)
		if err != nil {
			return src, fileErr(f.Display, err)
		}
		page = pageToUTF8(page)
		if err := checkText(f.Display, page); err != nil {
			return src, err
		}
		text, pm, err := HTMLArticle(page)
		if err != nil {
			return src, fileErr(f.Display, err)
		}
		data, meta = []byte(text), overlay(pm, f.Meta)
	default:
		if data, err = ReadRegular(f.root.FS, f.Name, f.maxB); err != nil {
			return src, fileErr(f.Display, err)
		}
	}
	h := sha256.New()
	h.Write(data)
	keys := make([]string, 0, len(f.Meta))
	for k := range meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "\x00%s\x00%s", k, meta[k])
	}
	src, err = parseArticle(f.Display, data, meta, true) // data is this read's own
	if f.itemID != "" {
		base := path.Base(f.Name)
		src.ID = strings.TrimSuffix(base, path.Ext(base)) + "-" + shortID(f.itemID)
	}
	src.Hash = hex.EncodeToString(h.Sum(nil))
	return src, err
}

// readContainer reads a dump or a feed into its articles.
func (f *File) readContainer(kind int) (items []item, errs []error) {
	defer func() {
		if p := recover(); p != nil { // a parser's bug costs this file, never the corpus
			items, errs = nil, []error{fileErr(f.Display, fmt.Errorf("internal error reading this file: %v", p))}
		}
	}()
	data, err := ReadRegular(f.root.FS, f.Name, f.maxB)
	if err != nil {
		return nil, []error{fileErr(f.Display, err)}
	}
	// A feed may declare another encoding (the XML parser converts it); a
	// dump is JSON, UTF-8 by definition.
	if kind != kindFeed {
		if err := checkText(f.Display, data); err != nil {
			return nil, []error{err}
		}
	}
	return containerItems(kind, f.Display, bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
}

// checkText refuses what is not UTF-8 text, as ParseArticle does.
func checkText(display string, data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return &LoadError{Path: display, Offset: i, Err: errors.New("binary file (NUL byte), not an article")}
	}
	if !utf8.Valid(data) {
		off := invalidUTF8At(data)
		return &LoadError{Path: display, Line: 1 + bytes.Count(data[:off], []byte("\n")), Offset: off,
			Err: fmt.Errorf("invalid UTF-8 at byte %d (is the file in another encoding?)", off)}
	}
	return nil
}

// overlay is base with the values of over on top (the directory's
// metadata file wins over what a page or a feed says of itself).
func overlay(base, over map[string]string) map[string]string {
	out := make(map[string]string, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// itemSuffix names an article of a container in messages and the source
// pane: the line of a dump (dump.jsonl:12), the item of a feed (feed.xml#3).
func itemSuffix(kind int, id string, i int) string {
	if kind == kindJSONL {
		return ":" + id
	}
	return fmt.Sprintf("#%d", i+1)
}

// shortID is an item's identity made short enough for a source ID: a line
// number as it is, a GUID or a link by a hash of it.
func shortID(id string) string {
	if len(id) <= 6 && strings.Trim(id, "0123456789") == "" {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])[:8]
}

// UniqueIDs gives two sources with one ID (files of one name in different
// directories) distinct IDs, in order: the second becomes "ID~2".
func UniqueIDs(srcs []model.Source) {
	ids := map[string]int{}
	for i := range srcs {
		if n := ids[srcs[i].ID]; n > 0 {
			ids[srcs[i].ID] = n + 1
			srcs[i].ID = fmt.Sprintf("%s~%d", srcs[i].ID, n+1)
		} else {
			ids[srcs[i].ID] = 1
		}
	}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// skip is a file or directory the listing could not take, and why.
type skip struct {
	name string
	err  error
}

// listed is an article file found by listArticles, with what it knew of
// it (nil: Stat it).
type listed struct {
	name string
	info fs.FileInfo
}

// listArticles returns the article files at or under p, sorted, the
// directories that hold a metadata file, and what it had to skip
// (unreadable directories, special files, links out of the corpus).
func listArticles(fsys fs.FS, p string) ([]listed, map[string]bool, []skip, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, nil, nil, explain(err)
	}
	metas := map[string]bool{}
	if !info.IsDir() {
		if _, err := fs.Stat(fsys, path.Join(path.Dir(p), MetaFile)); err == nil {
			metas[path.Dir(p)] = true
		}
		return []listed{{name: p}}, metas, nil, nil
	}
	var names []listed
	var skipped []skip
	err = fs.WalkDir(fsys, p, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == p {
				return err
			}
			skipped = append(skipped, skip{name, fmt.Errorf("skipped: %w", explain(err))})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
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
		case IsArticleName(d.Name()):
			l := listed{name: name}
			if d.Type().IsRegular() {
				// Where the directory listing had to ask for the file's type,
				// its size and time came with it; elsewhere this asks now.
				// A link is followed by Scan's own Stat.
				l.info, _ = d.Info()
			}
			names = append(names, l)
		}
		return nil
	})
	slices.SortFunc(names, func(a, b listed) int { return strings.Compare(a.name, b.name) })
	return names, metas, skipped, explain(err)
}

// ReadRegular reads a regular file of at most maxBytes. A FIFO, a device,
// a socket or a directory is refused with its kind named (reading a FIFO
// would wait for ever, a device for ever or until memory runs out), and so
// is a link that leads out of the root.
func ReadRegular(fsys fs.FS, name string, maxBytes int64) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, explain(err)
	}
	if kind := special(info.Mode()); kind != "" {
		return nil, fmt.Errorf("not a regular file (%s): skipped", kind)
	}
	if info.Size() > maxBytes {
		return nil, fmt.Errorf("%s is larger than the %s limit (--max-file-size)", size(info.Size()), size(maxBytes))
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, explain(err)
	}
	defer f.Close()
	// One buffer of the stated size; the size can change under us, so read
	// on to one byte past the cap to know. (ReadFrom wants MinRead bytes
	// free before each read, the one that meets the end too: without them
	// it doubled every buffer.)
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, maxBytes+1)); err != nil {
		return nil, fmt.Errorf("cannot read: %w", explain(err))
	}
	if int64(buf.Len()) > maxBytes {
		return nil, fmt.Errorf("grew past the %s limit (--max-file-size) while read", size(maxBytes))
	}
	return buf.Bytes(), nil
}

func special(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return "a special file"
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// explain turns the errors of reading into words: the path error's cause,
// and a link out of the corpus said as such.
func explain(err error) error {
	if err == nil {
		return nil
	}
	if strings.Contains(err.Error(), "path escapes from parent") {
		return errors.New("a link that leads outside the corpus: refused")
	}
	return unwrapPath(err)
}

// ParseArticle checks and reads one article: encoding, front matter, the
// metadata given for it, and a title from its first lines when none is
// given. The publication date and outlet the text itself states are read
// by later stages.
func ParseArticle(display string, data []byte, meta map[string]string) (model.Source, error) {
	return parseArticle(display, data, meta, false)
}

// parseArticle is ParseArticle; owned says the caller gives data up (it
// is never written again), and the text is made of its bytes rather than
// a copy of them.
func parseArticle(display string, data []byte, meta map[string]string, owned bool) (model.Source, error) {
	src := model.Source{Path: display, Lang: "ar"}
	base := path.Base(strings.ReplaceAll(display, "\\", "/"))
	src.ID = strings.TrimSuffix(base, path.Ext(base))
	data, err := decodeUTF16(data)
	if err != nil {
		return src, fileErr(display, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		if utf16Guess(data) {
			return src, fileErr(display, errors.New("looks like UTF-16 without a byte-order mark: save it as UTF-8 (or UTF-16 with a BOM)"))
		}
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
	// Controls (ESC, BEL, C1 …) become spaces of the same length: they can
	// never reach a terminal, and every offset still points into the file.
	if safe.HasControl(data) {
		if !owned {
			data, owned = bytes.Clone(data), true // the caller's bytes stay as they were
		}
		safe.Blank(data)
	}
	if owned { // no one else holds or writes these bytes now
		src.Text = unsafe.String(unsafe.SliceData(data), len(data))
	} else {
		src.Text = string(data)
	}
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
		fields[k] = safe.Text(v, true)
	}
	for k, v := range fm.values {
		fields[k] = v
	}
	for k, v := range fields {
		// The fields outlive the text, which is dropped once extracted:
		// they must not keep it alive.
		v = strings.Clone(v)
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
			src.Extra[strings.Clone(k)] = v
		}
	}
	lines := bodyLines(src.Text, bodyStart, 5)
	if src.Title == "" {
		src.Title = strings.Clone(titleFrom(lines))
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

// MinYear and MaxYear bound a publication date: outside them it is a typo.
const MinYear, MaxYear = 1900, 2200

func parsePublished(v string) (model.Date, error) {
	v = asciiDigits(strings.TrimSpace(v))
	var t time.Time
	var err error
	if t, err = time.Parse(time.RFC3339, v); err != nil {
		if t, err = time.Parse("2006-01-02", v); err != nil {
			return model.Date{}, fmt.Errorf("bad date %q: want YYYY-MM-DD or RFC 3339", safe.Line(v, 60))
		}
	}
	if t.Year() < MinYear || t.Year() > MaxYear {
		return model.Date{}, fmt.Errorf("year %d is outside %d–%d", t.Year(), MinYear, MaxYear)
	}
	return model.DayOf(t.Date()), nil
}

// asciiDigits writes Arabic-Indic and Persian digits as ASCII ones:
// «٢٠٢١-٠٧-٢٧» is 2021-07-27.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		}
		return r
	}, s)
}

// decodeUTF16 decodes a file that starts with a UTF-16 byte-order mark.
// Offsets are then into the decoded text.
func decodeUTF16(data []byte) ([]byte, error) {
	var e encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		e = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		e = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	default:
		return data, nil
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("UTF-16 that does not decode: %w", err)
	}
	return out, nil
}

// utf16Guess reports whether the bytes look like UTF-16 with no
// byte-order mark: in one of the two byte positions, NUL and one other
// value (the block of the script: 0x06 for Arabic) make nearly all bytes.
func utf16Guess(data []byte) bool {
	n := min(len(data), 512) &^ 1
	if n < 8 {
		return false
	}
	for parity := 0; parity < 2; parity++ {
		count := map[byte]int{}
		for i := parity; i < n; i += 2 {
			count[data[i]]++
		}
		top, second := 0, 0
		for _, c := range count {
			if c > top {
				top, second = c, top
			} else if c > second {
				second = c
			}
		}
		if count[0] > 0 && (top+second)*10 >= n/2*9 {
			return true
		}
	}
	return false
}

// bodyLines returns the first n non-empty lines of the body, each cut to a
// headline's length at most (a title never needs more, and a one-line
// dump of megabytes must not be split into words).
func bodyLines(text string, from, n int) []string {
	var out []string
	rest := text[from:]
	for len(out) < n && rest != "" {
		l := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if len(l) > 2000 {
			l = l[:2000]
			for len(l) > 0 && !utf8.RuneStart(l[len(l)-1]) {
				l = l[:len(l)-1]
			}
			if len(l) > 0 {
				l = l[:len(l)-1]
			}
		}
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
	first, _, _ := strings.Cut(text[:min(len(text), 64)], "\n")
	if strings.TrimSpace(first) != "---" {
		return fm, 0, nil
	}
	// Only the head of the file can be front matter: a thousand lines.
	head := text
	for i, n := 0, 0; i < len(text); i++ {
		if text[i] == '\n' {
			if n++; n == 1000 {
				head = text[:i+1]
				break
			}
		}
	}
	lines := strings.SplitAfter(head, "\n")
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
		if first, dup := fm.lines[k]; dup {
			return fm, 0, &LoadError{Path: display, Line: i + 1, Offset: -1,
				Err: fmt.Errorf("front matter: %q given twice (first on line %d)", k, first)}
		}
		fm.values[k] = strings.Trim(strings.TrimSpace(v), `"'`)
		fm.lines[k] = i + 1
	}
	return fm, body, nil
}

// readMeta parses a metadata file: "[file name]" sections of "key: value".
func readMeta(fsys fs.FS, name string, display func(string) string, maxBytes int64) (map[string]map[string]string, error) {
	data, err := ReadRegular(fsys, name, maxBytes)
	if err != nil {
		return nil, fileErr(display(name), err)
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

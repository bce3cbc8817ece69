// Package fetch reads news feeds over HTTP(S) and writes each new item into
// a corpus directory as an article file, for khatt fetch.
//
// It is polite: every request has a timeout and khatt's user agent, a
// feed is asked for with the ETag and Last-Modified of the last answer (a
// 304 costs nothing), and requests to one host are spaced by a minimum
// interval. It is idempotent: the items already written are remembered in
// the directory (.khatt-fetch.json) and never written again. Everything it
// reads is hostile: sizes are capped, and file names never come from the
// feed.
package fetch

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"khatt/corpus"
	"khatt/safe"
)

// StateFile remembers, in the corpus directory, each feed's validators and
// the items already written.
const StateFile = ".khatt-fetch.json"

// MaxBytes caps a feed or a page read from the network.
const MaxBytes = 16 << 20

// Options configure a fetch.
type Options struct {
	Into      string        // the corpus directory written to
	Pages     bool          // also fetch each item's linked page, saved as .html
	Timeout   time.Duration // per request
	Interval  time.Duration // at least this between two requests to one host
	UserAgent string
	Client    *http.Client // nil: a client with Timeout
	Log       func(format string, args ...any)
}

// Result is what one feed gave.
type Result struct {
	Feed    string
	New     int  // items written
	Known   int  // items already written before
	Skipped int  // items with no text and no page
	Fresh   bool // false: 304, not modified
	Err     error
}

type feedState struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

type state struct {
	Feeds map[string]feedState `json:"feeds"`
	Items map[string]string    `json:"items"` // item key → file written
}

// Fetcher fetches feeds into one directory.
type Fetcher struct {
	o     Options
	st    state
	last  map[string]time.Time // host → time of the last request
	sleep func(time.Duration)
}

// New prepares a fetch into o.Into, reading what earlier runs remembered.
func New(o Options) (*Fetcher, error) {
	if o.Into == "" {
		return nil, errors.New("no directory to write into (--into DIR)")
	}
	if err := os.MkdirAll(o.Into, 0o755); err != nil {
		return nil, err
	}
	if o.Timeout <= 0 {
		o.Timeout = 20 * time.Second
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: o.Timeout}
	}
	if o.Log == nil {
		o.Log = func(string, ...any) {}
	}
	f := &Fetcher{o: o, last: map[string]time.Time{}, sleep: time.Sleep,
		st: state{Feeds: map[string]feedState{}, Items: map[string]string{}}}
	b, err := os.ReadFile(filepath.Join(o.Into, StateFile))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		if err := json.Unmarshal(b, &f.st); err != nil {
			return nil, fmt.Errorf("%s: not khatt's fetch state (%v); move it away to start afresh", filepath.Join(o.Into, StateFile), err)
		}
		if f.st.Feeds == nil {
			f.st.Feeds = map[string]feedState{}
		}
		if f.st.Items == nil {
			f.st.Items = map[string]string{}
		}
	}
	return f, nil
}

// Fetch reads each feed in turn; a feed that fails is reported in its
// Result and the others go on. The state is saved after each feed.
func (f *Fetcher) Fetch(feeds []string) []Result {
	var out []Result
	for _, u := range feeds {
		r := f.feed(u)
		if err := f.save(); err != nil && r.Err == nil {
			r.Err = err
		}
		out = append(out, r)
	}
	return out
}

func (f *Fetcher) feed(raw string) Result {
	r := Result{Feed: raw}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		r.Err = errors.New("not an http or https URL")
		return r
	}
	fs := f.st.Feeds[raw]
	resp, body, err := f.get(u, func(req *http.Request) {
		if fs.ETag != "" {
			req.Header.Set("If-None-Match", fs.ETag)
		}
		if fs.LastModified != "" {
			req.Header.Set("If-Modified-Since", fs.LastModified)
		}
		req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
	})
	if err != nil {
		r.Err = err
		return r
	}
	if resp.StatusCode == http.StatusNotModified {
		return r
	}
	r.Fresh = true
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		r.Err = fmt.Errorf("not an RSS or Atom feed: %v", err)
		return r
	}
	for _, it := range feed.Items {
		key := itemKey(raw, it)
		if _, ok := f.st.Items[key]; ok {
			r.Known++
			continue
		}
		name, err := f.write(feed, it, key)
		switch {
		case err != nil:
			f.o.Log("%s: item %q: %v", raw, safe.Line(it.Title, 80), err)
			r.Skipped++
		case name == "":
			r.Skipped++
		default:
			f.st.Items[key] = name
			r.New++
		}
	}
	// Validators are kept only once the items are written.
	f.st.Feeds[raw] = feedState{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	return r
}

// get makes one polite request, capped in size; a status other than 200
// and 304 is an error.
func (f *Fetcher) get(u *url.URL, prepare func(*http.Request)) (*http.Response, []byte, error) {
	if wait := f.o.Interval - time.Since(f.last[u.Host]); f.o.Interval > 0 && wait > 0 {
		f.sleep(wait)
	}
	defer func() { f.last[u.Host] = time.Now() }()
	req, err := http.NewRequest(http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", f.o.UserAgent)
	if prepare != nil {
		prepare(req)
	}
	resp, err := f.o.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) && ue.Timeout() {
			return nil, nil, fmt.Errorf("no answer within %s", f.o.Timeout)
		}
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return resp, nil, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("the server answered %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBytes+1))
	if err != nil {
		return nil, nil, err
	}
	if len(body) > MaxBytes {
		return nil, nil, fmt.Errorf("larger than %d MB", MaxBytes>>20)
	}
	return resp, body, nil
}

// itemKey identifies an item across runs: its GUID, else its link, else
// its title and date, within its feed.
func itemKey(feed string, it *gofeed.Item) string {
	id := strings.TrimSpace(it.GUID)
	if id == "" {
		id = strings.TrimSpace(it.Link)
	}
	if id == "" {
		id = it.Title + "\x00" + it.Published
	}
	sum := sha256.Sum256([]byte(feed + "\x00" + id))
	return hex.EncodeToString(sum[:])[:16]
}

// write saves an item as an article file: Markdown with front matter
// (title, outlet, url, published) holding the item's text, or, with Pages,
// its linked page as .html described in the directory's meta.ini. It
// returns the file's name in the directory, "" for an item with nothing to
// read.
func (f *Fetcher) write(feed *gofeed.Feed, it *gofeed.Item, key string) (string, error) {
	meta := map[string]string{
		"title":  oneLine(corpus.HTMLText(it.Title)),
		"outlet": oneLine(feed.Title),
		"url":    oneLine(it.Link),
	}
	if t := it.PublishedParsed; t != nil {
		meta["published"] = t.Format("2006-01-02")
	} else if t := it.UpdatedParsed; t != nil {
		meta["published"] = t.Format("2006-01-02")
	}
	host := "feed"
	if u, err := url.Parse(feed.Link); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	base := meta["published"]
	if base == "" {
		base = "undated"
	}
	base += "-" + key[:10]
	dir := filepath.Join(f.o.Into, safeName(host))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if f.o.Pages && it.Link != "" {
		if u, err := url.Parse(it.Link); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			_, page, err := f.get(u, nil)
			if err == nil {
				name := base + ".html"
				if err := writeAtomic(filepath.Join(dir, name), page); err != nil {
					return "", err
				}
				if err := appendMeta(filepath.Join(dir, corpus.MetaFile), name, meta); err != nil {
					return "", err
				}
				return filepath.Join(safeName(host), name), nil
			}
			f.o.Log("%s: %v (keeping the feed's text)", safe.Line(it.Link, 120), err)
		}
	}
	text := corpus.HTMLText(it.Content)
	if strings.TrimSpace(text) == "" {
		text = corpus.HTMLText(it.Description)
	}
	if strings.TrimSpace(text) == "" {
		return "", nil
	}
	var b strings.Builder
	b.WriteString("---\n")
	keys := make([]string, 0, len(meta))
	for k := range meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if meta[k] != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, meta[k])
		}
	}
	b.WriteString("---\n")
	b.WriteString(text)
	b.WriteString("\n")
	name := base + ".md"
	if err := writeAtomic(filepath.Join(dir, name), []byte(b.String())); err != nil {
		return "", err
	}
	return filepath.Join(safeName(host), name), nil
}

// oneLine makes a value fit a front matter line: controls out, one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(safe.Text(s, true)), " ")
}

// safeName is a host made a directory name: letters, digits, dots and
// hyphens only.
func safeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			b.WriteRune(r)
		}
	}
	n := strings.Trim(b.String(), ".")
	if n == "" {
		return "feed"
	}
	return n
}

// appendMeta adds a section for a page to the directory's meta.ini.
func appendMeta(path, name string, meta map[string]string) error {
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	fmt.Fprintf(fh, "\n[%s]\n", name)
	for _, k := range []string{"title", "outlet", "url", "published"} {
		if meta[k] != "" {
			fmt.Fprintf(fh, "%s: %s\n", k, meta[k])
		}
	}
	return fh.Close()
}

// writeAtomic writes a file whole or not at all (a reader watching the
// directory never sees half of it).
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".khatt-*.tmp")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (f *Fetcher) save() error {
	b, err := json.MarshalIndent(f.st, "", " ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(f.o.Into, StateFile), b)
}

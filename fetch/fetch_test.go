package fetch

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"khatt/corpus"
)

// A feed written for these tests.
const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>وكالة الاختبار</title><link>https://agency.test/</link>
<item><title>الصفدي في بغداد</title><link>LINK/page1</link><guid>g1</guid>
<pubDate>Sun, 12 Mar 2023 14:05:00 +0300</pubDate>
<description><![CDATA[<p>وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد، ظهر الأحد، في زيارة رسمية.</p>]]></description></item>
<item><title>حسين يستقبل الصفدي</title><link>LINK/page2</link><guid>g2</guid>
<pubDate>Sun, 12 Mar 2023 16:00:00 +0300</pubDate>
<description>عقد وزير الخارجية العراقي فؤاد حسين محادثات مع نظيره الأردني أيمن الصفدي.</description></item>
<item><title>عنوان فقط</title><link>LINK/page3</link><guid>g3</guid></item>
</channel></rss>`

const page = `<html><head><title>الصفدي في بغداد</title></head><body><nav>الرئيسية</nav>
<article><h1>الصفدي في بغداد</h1><p>وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد، ظهر الأحد، في زيارة رسمية يلتقي خلالها كبار المسؤولين.</p>
<p>وقال الصفدي إن الزيارة تهدف إلى تعزيز التعاون بين البلدين في مجالات الطاقة والنقل والتجارة.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>`

// server serves the feed with an ETag (answering 304 to it), a slow feed,
// a broken one and the pages; it records what it was asked.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	requests []*http.Request
	items    string
}

func newServer(t *testing.T) *server {
	s := &server{items: rss}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r)
		body := strings.ReplaceAll(s.items, "LINK", s.URL)
		s.mu.Unlock()
		switch r.URL.Path {
		case "/feed.xml":
			etag := `"v1-` + string(rune('0'+len(body)%10)) + `"`
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(body))
		case "/slow.xml":
			time.Sleep(2 * time.Second)
			w.Write([]byte(body))
		case "/broken.xml":
			w.Write([]byte("<rss><channel><item><title>x"))
		case "/page1", "/page2":
			w.Write([]byte(page))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) asked(path string) []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*http.Request
	for _, r := range s.requests {
		if r.URL.Path == path {
			out = append(out, r)
		}
	}
	return out
}

func articles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && corpus.IsArticleName(p) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestFetchEndToEnd: new items are written as articles the corpus reads
// with their metadata; a second run writes nothing again and sends the
// ETag (304); a timeout and bad XML are named and the other feeds go on.
func TestFetchEndToEnd(t *testing.T) {
	s := newServer(t)
	dir := t.TempDir()
	var logged []string
	opts := Options{Into: dir, Timeout: 500 * time.Millisecond, UserAgent: "khatt-test/1",
		Log: func(f string, a ...any) { logged = append(logged, f) }}
	f, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	res := f.Fetch([]string{s.URL + "/feed.xml", s.URL + "/slow.xml", s.URL + "/broken.xml", "ftp://x/y", s.URL + "/missing.xml"})
	if r := res[0]; r.Err != nil || r.New != 2 || r.Skipped != 1 || !r.Fresh {
		t.Fatalf("feed: %+v", r)
	}
	for i, want := range []string{"", "no answer within", "not an RSS or Atom feed", "not an http or https URL", "404"} {
		if i == 0 {
			continue
		}
		if res[i].Err == nil || !strings.Contains(res[i].Err.Error(), want) {
			t.Errorf("%s: %v, want an error saying %q", res[i].Feed, res[i].Err, want)
		}
	}
	if ua := s.asked("/feed.xml")[0].Header.Get("User-Agent"); ua != "khatt-test/1" {
		t.Errorf("user agent %q", ua)
	}
	files := articles(t, dir)
	if len(files) != 2 {
		t.Fatalf("written: %v", files)
	}
	srcs, problems := corpus.Load([]corpus.Root{{FS: os.DirFS(dir), Path: "."}})
	if len(problems) > 0 || len(srcs) != 2 {
		t.Fatalf("the corpus reads %d articles, problems %v", len(srcs), problems)
	}
	for _, src := range srcs {
		if src.Outlet != "وكالة الاختبار" || src.Published.String() != "2023-03-12" || !strings.HasPrefix(src.URL, s.URL) || src.Title == "" {
			t.Errorf("%s: outlet %q published %s url %q title %q", src.Path, src.Outlet, src.Published, src.URL, src.Title)
		}
		if strings.Contains(src.Text, "<p>") || !strings.Contains(src.Text, "الصفدي") {
			t.Errorf("%s: text %q", src.Path, src.Text)
		}
	}

	// Again, in a new process: nothing new, and the server is asked with
	// the ETag it gave (a 304).
	f2, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	res = f2.Fetch([]string{s.URL + "/feed.xml"})
	if r := res[0]; r.Err != nil || r.Fresh || r.New != 0 {
		t.Fatalf("second run: %+v", r)
	}
	if reqs := s.asked("/feed.xml"); reqs[len(reqs)-1].Header.Get("If-None-Match") == "" {
		t.Error("the second request did not send the ETag")
	}
	// The feed changes (a new item): only it is written.
	s.mu.Lock()
	s.items = strings.Replace(rss, "</channel>", `<item><title>جديد</title><link>LINK/page4</link><guid>g4</guid>
<pubDate>Mon, 13 Mar 2023 09:00:00 +0300</pubDate><description>قال فؤاد حسين إن المحادثات كانت مثمرة.</description></item></channel>`, 1)
	s.mu.Unlock()
	res = f2.Fetch([]string{s.URL + "/feed.xml"})
	if r := res[0]; r.Err != nil || r.New != 1 || r.Known != 2 {
		t.Fatalf("after a new item: %+v", r)
	}
	if n := len(articles(t, dir)); n != 3 {
		t.Errorf("%d articles after the new item, want 3", n)
	}
}

// TestFetchPages: with Pages, each item's linked page is saved as .html
// and described in meta.ini, so the corpus reads its main text with the
// feed's metadata; requests to one host are spaced by the interval.
func TestFetchPages(t *testing.T) {
	s := newServer(t)
	dir := t.TempDir()
	f, err := New(Options{Into: dir, Pages: true, Interval: 50 * time.Millisecond, UserAgent: "khatt-test/1"})
	if err != nil {
		t.Fatal(err)
	}
	var slept time.Duration
	f.sleep = func(d time.Duration) { slept += d; time.Sleep(d) }
	res := f.Fetch([]string{s.URL + "/feed.xml"})
	if r := res[0]; r.Err != nil || r.New != 2 {
		t.Fatalf("%+v", r)
	}
	if slept == 0 {
		t.Error("requests to one host were not spaced")
	}
	srcs, problems := corpus.Load([]corpus.Root{{FS: os.DirFS(dir), Path: "."}})
	if len(problems) > 0 || len(srcs) < 2 {
		t.Fatalf("%d articles, problems %v", len(srcs), problems)
	}
	pages := 0
	for _, src := range srcs {
		if strings.HasSuffix(src.Path, ".html") {
			pages++
			if !strings.Contains(src.Text, "تعزيز التعاون بين البلدين") || strings.Contains(src.Text, "جميع الحقوق") ||
				src.Outlet != "وكالة الاختبار" || src.Published.String() != "2023-03-12" {
				t.Errorf("%s: outlet %q published %s text %q", src.Path, src.Outlet, src.Published, src.Text)
			}
		}
	}
	if pages != 2 {
		t.Errorf("%d pages saved, want 2", pages)
	}
}

// TestFetchRefusesABadState: a state file that is not khatt's is named.
func TestFetchRefusesABadState(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, StateFile), []byte("{not json"), 0o644)
	if _, err := New(Options{Into: dir}); err == nil || !strings.Contains(err.Error(), StateFile) {
		t.Errorf("%v", err)
	}
}

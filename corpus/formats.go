package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Besides plain text and Markdown, khatt reads news as it comes:
//
//   - web pages (.html, .htm): the main text by go-readability (a port of
//     Mozilla's Readability, which drops menus, scripts, sidebars and
//     footers), and the page's metadata;
//   - JSON Lines dumps (.jsonl, .ndjson): one article per line, with the
//     field names news-please and common scrapers use;
//   - RSS and Atom feeds (.rss, .atom, .xml): one article per item.
//
// Each becomes the text of an article with metadata, as if it had been
// written with front matter: mention offsets refer to that text, which the
// source pane shows. A dump or a feed is a container: Scan reads it and
// lists each of its articles as a File of its own.

// Kind of an article file, by its extension.
const (
	kindText = iota
	kindHTML
	kindJSONL
	kindFeed
)

func kindOf(name string) int {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return kindHTML
	case ".jsonl", ".ndjson":
		return kindJSONL
	case ".rss", ".atom", ".xml":
		return kindFeed
	}
	return kindText
}

// item is one article of a container file (a line of a dump, an item of a
// feed): its text and its metadata.
type item struct {
	text string
	meta map[string]string
	id   string // a stable identity within the container: line number, GUID
}

// pageToUTF8 converts a saved page in another encoding (windows-1256 and
// ISO-8859-6 are common on older Arabic sites) to UTF-8, as browsers do:
// by its byte-order mark, its <meta charset>, or a guess. A page that is
// already UTF-8 is left as it is.
func pageToUTF8(page []byte) []byte {
	if utf8.Valid(page) {
		return page
	}
	enc, name, _ := charset.DetermineEncoding(page, "text/html")
	if name == "utf-8" {
		return page
	}
	out, err := enc.NewDecoder().Bytes(page)
	if err != nil {
		return page
	}
	return out
}

// HTMLArticle extracts a web page's main text and metadata: title, outlet
// (og:site_name, else the domain), URL (canonical), publication date
// (article:published_time, JSON-LD datePublished, <time datetime>).
func HTMLArticle(data []byte) (text string, meta map[string]string, err error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return "", nil, fmt.Errorf("not a readable HTML page: %w", err)
	}
	meta = pageMeta(doc)
	var pageURL *url.URL
	if u, err := url.Parse(meta["url"]); err == nil && u.IsAbs() {
		pageURL = u
	} else {
		pageURL, _ = url.Parse("file:///page.html")
	}
	art, err := readability.FromDocument(doc, pageURL)
	if err != nil || art.Node == nil {
		return "", meta, errors.New("no article text found in this page")
	}
	if meta["title"] == "" {
		meta["title"] = strings.TrimSpace(art.Title())
	}
	if meta["outlet"] == "" {
		meta["outlet"] = strings.TrimSpace(art.SiteName())
	}
	if meta["published"] == "" {
		if t, err := art.PublishedTime(); err == nil {
			meta["published"] = t.Format(time.RFC3339)
		}
	}
	text = blockText(art.Node)
	if strings.TrimSpace(text) == "" {
		return "", meta, errors.New("no article text found in this page")
	}
	for k, v := range meta {
		if v == "" {
			delete(meta, k)
		}
	}
	return text, meta, nil
}

// pageMeta reads the metadata a news page declares in its head.
func pageMeta(doc *html.Node) map[string]string {
	meta := map[string]string{}
	var ldDates []string
	var times []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				content := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:site_name", "application-name":
					setOnce(meta, "outlet", content)
				case "og:title", "twitter:title":
					setOnce(meta, "title", content)
				case "og:url":
					setOnce(meta, "ogurl", content)
				case "article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date.issued", "sailthru.date":
					setOnce(meta, "published", content)
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					setOnce(meta, "url", strings.TrimSpace(attr(n, "href")))
				}
			case atom.Script:
				if strings.Contains(attr(n, "type"), "ld+json") && n.FirstChild != nil {
					ldDates = append(ldDates, jsonLDDates(n.FirstChild.Data)...)
				}
			case atom.Time:
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					times = append(times, dt)
				}
			case atom.Title:
				if n.FirstChild != nil {
					setOnce(meta, "htmltitle", strings.TrimSpace(n.FirstChild.Data))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	setOnce(meta, "url", meta["ogurl"])
	delete(meta, "ogurl")
	setOnce(meta, "title", meta["htmltitle"])
	delete(meta, "htmltitle")
	for _, d := range append(ldDates, times...) {
		setOnce(meta, "published", d)
	}
	if meta["outlet"] == "" {
		if u, err := url.Parse(meta["url"]); err == nil && u.Host != "" {
			meta["outlet"] = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	if d, ok := meta["published"]; ok {
		if n, err := normaliseDate(d); err == nil {
			meta["published"] = n
		} else {
			delete(meta, "published") // the text's own date is read later
		}
	}
	return meta
}

func setOnce(m map[string]string, k, v string) {
	if m[k] == "" && v != "" {
		m[k] = v
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// jsonLDDates finds datePublished in a JSON-LD block (an object, a list,
// or a @graph), of a NewsArticle or any article type.
func jsonLDDates(s string) []string {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return nil
	}
	var out []string
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			if d, ok := x["datePublished"].(string); ok {
				out = append(out, d)
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if c, ok := x[k]; ok {
					walk(c, depth+1)
				}
			}
		case []any:
			for _, c := range x {
				walk(c, depth+1)
			}
		}
	}
	walk(v, 0)
	return out
}

// blockText is the text of an HTML fragment, one paragraph (or heading,
// list item, quotation) per line.
func blockText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			// Runs of white space are one space; spaces at the edges of a
			// text node stay (the words of "<b>وبحث</b> معه" stay apart).
			if f := strings.Fields(n.Data); len(f) > 0 {
				if isSpace(n.Data[0]) {
					b.WriteString(" ")
				}
				b.WriteString(strings.Join(f, " "))
				if isSpace(n.Data[len(n.Data)-1]) {
					b.WriteString(" ")
				}
			} else if n.Data != "" {
				b.WriteString(" ")
			}
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br:
				b.WriteString("\n")
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && isBlock(n.DataAtom) {
			b.WriteString("\n")
		}
	}
	walk(n)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Blockquote,
		atom.Section, atom.Article, atom.Tr, atom.Figcaption, atom.Pre, atom.Header, atom.Footer, atom.Dd, atom.Dt:
		return true
	}
	return false
}

// HTMLText is the text of an HTML snippet (a feed item's content): one
// paragraph per line, tags and scripts dropped.
func HTMLText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	doc, err := html.Parse(strings.NewReader("<body>" + s + "</body>"))
	if err != nil {
		return strings.TrimSpace(s)
	}
	return blockText(doc)
}

// normaliseDate reads the publication dates pages, dumps and feeds give
// (RFC 3339, "2021-07-27 10:00:00", RFC 1123 …) and returns the day as it
// was where it was published, YYYY-MM-DD.
func normaliseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04:05Z0700",
		"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822,
		"Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006", "2006/01/02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", fmt.Errorf("unreadable date %q", s)
}

// jsonlItems reads a JSON Lines dump: one article per line. A line that is
// not a JSON object, or has no text, is a named error (its line number);
// the other lines are read.
func jsonlItems(display string, data []byte) ([]item, []error) {
	var items []item
	var problems []error
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), len(data)+1)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		bad := func(err error) {
			problems = append(problems, &LoadError{Path: display, Line: line, Offset: -1, Err: err})
		}
		var rec map[string]any
		if err := json.Unmarshal(raw, &rec); err != nil {
			bad(fmt.Errorf("not a JSON object: %v", err))
			continue
		}
		text := strings.TrimSpace(firstString(rec, "text", "maintext", "content", "body", "article", "description"))
		if text == "" {
			bad(errors.New("no article text (text, maintext, content or body)"))
			continue
		}
		if looksHTML(text) {
			text = HTMLText(text)
		}
		meta := map[string]string{}
		setOnce(meta, "title", firstString(rec, "title", "headline"))
		setOnce(meta, "url", firstString(rec, "url", "link", "canonical_url"))
		setOnce(meta, "outlet", firstString(rec, "outlet", "source_domain", "site", "source", "site_name", "publisher"))
		if d := firstString(rec, "published", "date_publish", "date", "published_at", "pubDate", "datePublished"); d != "" {
			n, err := normaliseDate(d)
			if err != nil {
				bad(fmt.Errorf("published: %v", err))
				continue
			}
			meta["published"] = n
		}
		setOnce(meta, "lang", firstString(rec, "lang", "language"))
		items = append(items, item{text: text, meta: meta, id: fmt.Sprint(line)})
	}
	if err := sc.Err(); err != nil {
		problems = append(problems, &LoadError{Path: display, Line: line + 1, Offset: -1, Err: err})
	}
	return items, problems
}

// firstString is the first of the keys whose value is a non-empty string
// (an object's "name", for a publisher given as one).
func firstString(rec map[string]any, keys ...string) string {
	for _, k := range keys {
		switch v := rec[k].(type) {
		case string:
			if strings.TrimSpace(v) != "" {
				return strings.TrimSpace(v)
			}
		case map[string]any:
			if s, ok := v["name"].(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

func looksHTML(s string) bool {
	return strings.Contains(s, "</p>") || strings.Contains(s, "<br") || strings.Contains(s, "</div>")
}

// feedItems reads an RSS or Atom feed: one article per item, its content
// (or description) with the HTML stripped.
func feedItems(data []byte) ([]item, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not an RSS or Atom feed: %v", err)
	}
	var items []item
	for i, it := range feed.Items {
		body := it.Content
		if strings.TrimSpace(HTMLText(body)) == "" {
			body = it.Description
		}
		text := HTMLText(body)
		if text == "" {
			continue // a headline without text: nothing to extract from
		}
		meta := map[string]string{}
		setOnce(meta, "title", strings.TrimSpace(HTMLText(it.Title)))
		setOnce(meta, "url", strings.TrimSpace(it.Link))
		setOnce(meta, "outlet", strings.TrimSpace(feed.Title))
		if meta["outlet"] == "" {
			if u, err := url.Parse(feed.Link); err == nil && u.Host != "" {
				meta["outlet"] = strings.TrimPrefix(u.Hostname(), "www.")
			}
		}
		if t := firstTime(it.PublishedParsed, it.UpdatedParsed); t != nil {
			meta["published"] = t.Format("2006-01-02")
		}
		setOnce(meta, "lang", feed.Language)
		id := strings.TrimSpace(it.GUID)
		if id == "" {
			id = firstOf(strings.TrimSpace(it.Link), fmt.Sprint(i+1))
		}
		items = append(items, item{text: text, meta: meta, id: id})
	}
	return items, nil
}

func firstTime(ts ...*time.Time) *time.Time {
	for _, t := range ts {
		if t != nil && !t.IsZero() {
			return t
		}
	}
	return nil
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// containerItems reads a dump or a feed.
func containerItems(kind int, display string, data []byte) ([]item, []error) {
	switch kind {
	case kindJSONL:
		return jsonlItems(display, data)
	case kindFeed:
		items, err := feedItems(data)
		if err != nil {
			return nil, []error{fileErr(display, err)}
		}
		if len(items) == 0 {
			return nil, []error{fileErr(display, errors.New("a feed with no item that has text"))}
		}
		return items, nil
	}
	return nil, nil
}

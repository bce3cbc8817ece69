package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"khatt/model"
	"khatt/seeds"
	"khatt/timeline"
	"khatt/ui"
	"khatt/ui/rtl"
)

var seedTL = timeline.LoadTimeline([]timeline.Root{{FS: seeds.FS, Path: "."}}, timeline.DefaultLexicon())

type fixture struct {
	srv    *Server
	addr   string
	signer gossh.Signer
	logs   *screen
	loads  int
	mu     sync.Mutex
}

func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// start runs a server on a loopback port with one authorized key.
func start(t testing.TB, max int) *fixture {
	t.Helper()
	dir := t.TempDir()
	f := &fixture{signer: newSigner(t), logs: &screen{}}
	keys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(f.signer.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{HostKey: filepath.Join(dir, "host_ed25519"), AuthorizedKeys: keys, IdleTimeout: time.Minute,
		MaxSessions: max, Lang: "ar", Log: log.New(f.logs, "", 0),
		Load: func() (*model.Timeline, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.loads++
			if f.loads == 1 {
				return seedTL, nil
			}
			// A reload finds a smaller corpus: the first article only.
			smaller := *seedTL
			smaller.Sources = seedTL.Sources[:1]
			smaller.Events = timeline.Filter{Source: seedTL.Sources[0].ID}.Apply(seedTL.Events)
			return &smaller, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.srv, f.addr = srv, l.Addr().String()
	go srv.Serve(l)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return f
}

func (f *fixture) dial(auth ...gossh.AuthMethod) (*gossh.Client, error) {
	if len(auth) == 0 {
		auth = []gossh.AuthMethod{gossh.PublicKeys(f.signer)}
	}
	return gossh.Dial("tcp", f.addr, &gossh.ClientConfig{User: "analyst", Auth: auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
}

// screen is output written by one goroutine and read by another: a
// session's screen, the server's log.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

func (s *screen) waitFor(t testing.TB, what string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		ok := strings.Contains(s.buf.String(), what)
		s.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t.Fatalf("waiting for %q; got %d bytes: %.400q", what, s.buf.Len(), s.buf.String())
}

// visual is how a title reaches a terminal without bidi: joined, reversed.
func visual(s string) string {
	rs := rtl.Shape([]rune(s), false)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}

// browse opens a session with a terminal and waits for the timeline.
func browse(t testing.TB, f *fixture, env map[string]string) (*gossh.Session, io.WriteCloser, *screen, *gossh.Client) {
	t.Helper()
	c, err := f.dial()
	if err != nil {
		t.Fatalf("authorized key refused: %v", err)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		sess.Setenv(k, v)
	}
	out := &screen{}
	sess.Stdout = out
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return sess, in, out, c
}

func TestAuthorizedKeyBrowses(t *testing.T) {
	f := start(t, 50)
	sess, in, out, c := browse(t, f, map[string]string{"KHATT_BIDI": "app"})
	defer c.Close()
	out.waitFor(t, visual("الخط الزمني"), 10*time.Second)
	out.waitFor(t, "\x1b[8l", time.Second) // the client terminal's bidi switched off
	in.Write([]byte("G"))
	last := seedTL.Events[len(seedTL.Events)-1]
	out.waitFor(t, last.Date.String(), 5*time.Second) // the last event's date
	in.Write([]byte("q"))
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("q did not end the session")
	}
	out.waitFor(t, "\x1b[8h", time.Second) // and switched back on
	if !strings.Contains(f.logs.String(), "accepted SHA256:") {
		t.Errorf("the login is not logged with its fingerprint:\n%s", f.logs.String())
	}
}

func TestSessionsChooseTheirLanguageAndBidi(t *testing.T) {
	f := start(t, 50)
	_, _, out, c := browse(t, f, map[string]string{"KHATT_LANG": "en", "KHATT_BIDI": "terminal"})
	defer c.Close()
	out.waitFor(t, "Timeline", 10*time.Second)
	out.waitFor(t, "bidi: terminal", 5*time.Second)
}

func TestRefusals(t *testing.T) {
	f := start(t, 50)
	if _, err := f.dial(gossh.PublicKeys(newSigner(t))); err == nil {
		t.Error("an unknown key got in")
	}
	if _, err := f.dial(gossh.Password("khatt")); err == nil {
		t.Error("a password got in")
	} else if strings.Contains(err.Error(), "password") {
		t.Errorf("the server offers password authentication: %v", err)
	}
	// A client with an unknown key is told, before it is refused, that the
	// server takes keys only and which fingerprint to send.
	unknown := newSigner(t)
	var told string
	_, err := f.dial(gossh.PublicKeys(unknown), gossh.KeyboardInteractive(func(user, instruction string, questions []string, echos []bool) ([]string, error) {
		told += instruction
		if len(questions) > 0 {
			t.Errorf("the server asked %q", questions)
		}
		return nil, nil
	}))
	if err == nil {
		t.Error("an unknown key got in by keyboard-interactive")
	}
	if fp := gossh.FingerprintSHA256(unknown.PublicKey()); !strings.Contains(told, "public keys only") || !strings.Contains(told, fp) {
		t.Errorf("the refusal does not name the key %s: %q", fp, told)
	}
	c, err := f.dial()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("cat /etc/passwd")
	if err == nil || strings.Contains(string(out), "root:") || !strings.Contains(string(out), "runs no command") {
		t.Errorf("exec: err %v, output %q", err, out)
	}
	if _, _, err := c.Conn.SendRequest("tcpip-forward", true, gossh.Marshal(struct {
		Addr string
		Port uint32
	}{"127.0.0.1", 0})); err == nil {
		// A refused global request answers false, not an error; check the reply.
		ok, _, _ := c.Conn.SendRequest("tcpip-forward", true, gossh.Marshal(struct {
			Addr string
			Port uint32
		}{"127.0.0.1", 0}))
		if ok {
			t.Error("remote port forwarding was accepted")
		}
	}
	if _, err := c.Dial("tcp", "127.0.0.1:22"); err == nil {
		t.Error("local port forwarding was accepted")
	}
	logs := f.logs.String()
	for _, want := range []string{"refused SHA256:", "refused password or keyboard-interactive", "refused command"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

func TestNoAuthorizedKeysFileLetsNobodyIn(t *testing.T) {
	dir := t.TempDir()
	logs := &screen{}
	srv, err := New(Config{HostKey: filepath.Join(dir, "hk"), AuthorizedKeys: filepath.Join(dir, "missing"),
		Load: func() (*model.Timeline, error) { return seedTL, nil }, Log: log.New(logs, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "nobody can log in") {
		t.Errorf("no clear start-up message: %q", logs.String())
	}
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	go srv.Serve(l)
	defer srv.Shutdown(context.Background())
	if _, err := gossh.Dial("tcp", l.Addr().String(), &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(newSigner(t))},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 3 * time.Second}); err == nil {
		t.Error("got in without an authorized keys file")
	}
	info, err := os.Stat(filepath.Join(dir, "hk"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("host key: %v %v, want a 0600 file", info, err)
	}
}

func TestFiftyConcurrentSessions(t *testing.T) {
	f := start(t, 60)
	var wg sync.WaitGroup
	errs := make(chan string, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := f.dial()
			if err != nil {
				errs <- err.Error()
				return
			}
			defer c.Close()
			sess, _ := c.NewSession()
			out := &screen{}
			sess.Stdout = out
			in, _ := sess.StdinPipe()
			sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{})
			if err := sess.Shell(); err != nil {
				errs <- err.Error()
				return
			}
			// Fifty first frames under the race detector on two busy cores
			// take about twenty seconds: the bound is for a hang, not speed.
			deadline := time.Now().Add(90 * time.Second)
			for !strings.Contains(out.String(), visual("الخط الزمني")) {
				if time.Now().After(deadline) {
					errs <- "no timeline"
					return
				}
				time.Sleep(50 * time.Millisecond)
			}
			for _, k := range []string{"j", "j", "\t", "/", "ق", "\r", "]", "q"} {
				in.Write([]byte(k))
				time.Sleep(10 * time.Millisecond)
			}
			sess.Wait()
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestDisconnectMidRenderLeavesNoGoroutine(t *testing.T) {
	f := start(t, 50)
	// Warm up once so that lazily started goroutines are counted.
	_, _, out, c := browse(t, f, nil)
	out.waitFor(t, visual("الخط الزمني"), 10*time.Second)
	c.Close()
	waitSessions(t, f, 0)
	before := runtime.NumGoroutine()
	for i := 0; i < 5; i++ {
		_, in, _, c := browse(t, f, nil)
		in.Write([]byte("jjjjG"))
		c.Conn.Close() // gone while the reader draws
	}
	waitSessions(t, f, 0)
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after the disconnects, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

func waitSessions(t *testing.T, f *fixture, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for f.srv.Sessions() != n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if f.srv.Sessions() != n {
		t.Fatalf("%d sessions open, want %d", f.srv.Sessions(), n)
	}
}

func TestReloadAndShutdown(t *testing.T) {
	f := start(t, 50)
	_, in, out, c := browse(t, f, map[string]string{"KHATT_LANG": "en"})
	defer c.Close()
	out.waitFor(t, "Timeline", 10*time.Second)
	if err := f.srv.Reload(); err != nil {
		t.Fatal(err)
	}
	out.waitFor(t, "press r", 5*time.Second)
	// A session opened now sees the new corpus at once.
	_, _, late, c2 := browse(t, f, map[string]string{"KHATT_LANG": "en"})
	defer c2.Close()
	late.waitFor(t, "1 source", 10*time.Second)
	// The running one keeps its own until r.
	in.Write([]byte("r"))
	out.waitFor(t, "the new corpus is loaded", 5*time.Second)
	out.waitFor(t, "1 source", 5*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	out.waitFor(t, "shutting down", time.Second)
	if time.Since(start) > 4*time.Second {
		t.Error("shutdown hung")
	}
	if _, err := f.dial(); err == nil {
		t.Error("the server still accepts connections")
	}
}

func TestSessionLimit(t *testing.T) {
	f := start(t, 1)
	_, _, out, c := browse(t, f, nil)
	defer c.Close()
	out.waitFor(t, visual("الخط الزمني"), 10*time.Second)
	c2, err := f.dial()
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	sess, _ := c2.NewSession()
	sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{})
	got := &screen{}
	sess.Stdout, sess.Stderr = got, got
	sess.Shell()
	sess.Wait()
	if !strings.Contains(got.String(), "server is full") {
		t.Errorf("a session over the limit got %q", got.String())
	}
	if !strings.Contains(f.logs.String(), "refused session") {
		t.Error("the refusal is not logged")
	}
}

// TestSessionProbesTheClientTerminal: the server asks the client's terminal
// what it is, through the session, and decides from its answers (Konsole
// here, known by XTVERSION alone as over SSH); a key typed before the
// answers reaches the reader.
func TestSessionProbesTheClientTerminal(t *testing.T) {
	f := start(t, 50)
	_, in, out, c := browse(t, f, nil)
	defer c.Close()
	out.waitFor(t, ui.Queries, 5*time.Second)
	in.Write([]byte("G\x1bP>|Konsole 22.12.3\x1b\\\x1b[?62;c"))
	out.waitFor(t, "terminal+isolates", 10*time.Second)
	last := seedTL.Events[len(seedTL.Events)-1]
	out.waitFor(t, last.Date.String(), 5*time.Second) // G went to the reader
	if strings.Contains(out.String(), "\x1b[8l") {
		t.Error("Konsole's bidi switched off, yet the server leaves it the reordering")
	}
}

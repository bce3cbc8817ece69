package server

import (
	"fmt"
	"net"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func writeKeys(t *testing.T, f *fixture, lines ...string) {
	t.Helper()
	if err := os.WriteFile(f.srv.cfg.AuthorizedKeys, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := f.srv.ReloadKeys(); err != nil {
		t.Fatal(err)
	}
}

func authorized(s gossh.Signer) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey())))
}

func TestAuthorizedKeyOptions(t *testing.T) {
	f := start(t, 50)
	key := authorized(f.signer)
	for _, c := range []struct {
		options string
		in      bool
		log     string
	}{
		{`from="10.9.9.9"`, false, `from="10.9.9.9" does not allow 127.0.0.1`},
		{`from="10.0.0.0/8,!127.0.0.2,127.0.0.*"`, true, "accepted"},
		{`from="127.0.0.1/32"`, true, "accepted"},
		{`from="!127.0.0.1,*"`, false, "does not allow"},
		{`expiry-time="20200101"`, false, "the key expired"},
		{`expiry-time="29991231"`, true, "accepted"},
		{`restrict`, false, "restrict without pty"},
		{`restrict,pty`, true, "accepted"},
		{`no-pty`, false, "no-pty"},
		{`command="/bin/sh"`, false, `option "command" is not supported`},
		{`no-port-forwarding,no-agent-forwarding`, true, "accepted"},
	} {
		before := len(f.logs.String())
		writeKeys(t, f, c.options+" "+key)
		cl, err := f.dial()
		if (err == nil) != c.in {
			t.Errorf("%s: logged in %v, want %v (%v)", c.options, err == nil, c.in, err)
		}
		if cl != nil {
			cl.Close()
		}
		if got := f.logs.String()[before:]; !strings.Contains(got, c.log) {
			t.Errorf("%s: log lacks %q:\n%s", c.options, c.log, got)
		}
	}
}

func TestKeysReloadOnSIGHUPAndOnChange(t *testing.T) {
	f := start(t, 50)
	if c, err := f.dial(); err != nil {
		t.Fatal(err)
	} else {
		c.Close()
	}
	other := newSigner(t)
	// Removed from the file: out after Reload (what SIGHUP calls).
	if err := os.WriteFile(f.srv.cfg.AuthorizedKeys, []byte(authorized(other)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := f.srv.Reload(); err != nil {
		t.Fatal(err)
	}
	if c, err := f.dial(); err == nil {
		c.Close()
		t.Fatal("a removed key still logs in after the reload")
	}
	// Added back: in within a poll, with no signal at all.
	time.Sleep(20 * time.Millisecond) // a distinct modification time
	if err := os.WriteFile(f.srv.cfg.AuthorizedKeys, []byte(authorized(other)+"\n"+authorized(f.signer)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(3 * KeysPoll)
	for {
		c, err := f.dial()
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a key added to the file is never read")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestHugeTerminalIsClamped(t *testing.T) {
	f := start(t, 50)
	c, err := f.dial()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out := &screen{}
	sess.Stdout = out
	in, _ := sess.StdinPipe()
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := sess.RequestPty("xterm", 20000, 20000, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	out.waitFor(t, visual("الخط الزمني"), 15*time.Second)
	for i := 0; i < 3; i++ {
		sess.WindowChange(20000+i, 20000)
	}
	in.Write([]byte("jjj"))
	time.Sleep(time.Second)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 400<<20 {
		t.Errorf("a huge terminal took %d MB", grew>>20)
	}
	// No line of the screen is wider than the clamp.
	for _, line := range strings.Split(out.String(), "\n") {
		if n := len([]rune(line)); n > 40*MaxCols {
			t.Fatalf("a line of %d runes", n)
		}
	}
}

func TestAgentForwardingIsRefused(t *testing.T) {
	f := start(t, 50)
	if !strings.Contains(f.logs.String(), "host key SHA256:") {
		t.Errorf("the host key's fingerprint is not logged at start:\n%s", f.logs.String())
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
	ok, err := sess.SendRequest("auth-agent-req@openssh.com", true, nil)
	if err != nil || ok {
		t.Errorf("agent forwarding answered %v (%v)", ok, err)
	}
}

func TestSilentConnectionsAreClosedAndLogged(t *testing.T) {
	f := start(t, 50)
	conn, err := net.Dial("tcp", f.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Close to what a slow client would see: the deadline is shortened for
	// the test by reading the pending connection's own deadline.
	f.srv.conns.mu.Lock()
	if len(f.srv.conns.pending) == 0 {
		f.srv.conns.mu.Unlock()
		time.Sleep(100 * time.Millisecond)
		f.srv.conns.mu.Lock()
	}
	for _, p := range f.srv.conns.pending {
		d := time.Now().Add(300 * time.Millisecond)
		p.deadline.Store(d.UnixNano())
		p.Conn.SetDeadline(d)
	}
	f.srv.conns.mu.Unlock()
	f.logs.waitFor(t, "no login within", 5*time.Second)
	conn.SetReadDeadline(time.Now().Add(2 * time.Second))
	buf := make([]byte, 4096)
	for {
		if _, err := conn.Read(buf); err != nil {
			break // closed by the server
		}
	}
}

// TestLoad is the bounded loopback load test: 300 silent sockets and 300
// concurrent sessions against a limit of 40, while an authorized user
// still gets in, the excess is turned away cleanly, and memory stays
// bounded.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("the load test is long")
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err == nil && lim.Cur < 2048 {
		lim.Cur = min(lim.Max, 4096)
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	f := start(t, 40)
	var silent []net.Conn
	for i := 0; i < 300; i++ {
		c, err := net.Dial("tcp", f.addr)
		if err != nil {
			t.Fatalf("silent socket %d: %v", i, err)
		}
		silent = append(silent, c)
	}
	defer func() {
		for _, c := range silent {
			c.Close()
		}
	}()
	time.Sleep(SilentAfter + 200*time.Millisecond)
	// An authorized user still gets in.
	c, err := f.dial()
	if err != nil {
		t.Fatalf("300 silent sockets kept the authorized user out: %v", err)
	}
	c.Close()
	if p := f.srv.conns.Pending(); p > MaxPending+1 {
		t.Errorf("%d silent connections still wait after the user came", p)
	}
	if !strings.Contains(f.logs.String(), "silent connections that had not logged in") {
		t.Error("closing silent sockets is not logged")
	}

	// 300 sessions at once against a limit of 40.
	var opened, full, failed atomic.Int64
	var wg sync.WaitGroup
	release := make(chan struct{})
	for i := 0; i < 300; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl, err := f.dial()
			if err != nil {
				failed.Add(1)
				t.Logf("dial: %v", err)
				return
			}
			defer cl.Close()
			sess, err := cl.NewSession()
			if err != nil {
				failed.Add(1)
				return
			}
			out := &screen{}
			sess.Stdout, sess.Stderr = out, out
			sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{})
			if err := sess.Shell(); err != nil {
				failed.Add(1)
				t.Logf("shell: %v", err)
				return
			}
			deadline := time.Now().Add(20 * time.Second)
			for time.Now().Before(deadline) {
				s := out.String()
				if strings.Contains(s, "the server is full") {
					full.Add(1)
					return
				}
				if strings.Contains(s, visual("الخط الزمني")) {
					opened.Add(1)
					<-release
					return
				}
				time.Sleep(50 * time.Millisecond)
			}
			failed.Add(1)
		}()
	}
	deadline := time.Now().Add(60 * time.Second)
	for opened.Load()+full.Load()+failed.Load() < 300 && time.Now().Before(deadline) {
		if opened.Load() >= 40 && opened.Load()+full.Load()+failed.Load() >= 300 {
			break
		}
		time.Sleep(100 * time.Millisecond)
		if opened.Load() == 40 && full.Load()+failed.Load() == 260 {
			break
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	close(release)
	wg.Wait()
	t.Logf("opened %d, turned away %d, failed %d; heap %d MB", opened.Load(), full.Load(), failed.Load(), m.HeapAlloc>>20)
	if opened.Load() > 40 {
		t.Errorf("%d sessions opened, limit 40", opened.Load())
	}
	if full.Load() < 200 {
		t.Errorf("only %d of the excess were told the server is full (%d failed otherwise)", full.Load(), failed.Load())
	}
	if m.HeapAlloc > 1<<30 {
		t.Errorf("heap %d MB under load", m.HeapAlloc>>20)
	}
	_ = fmt.Sprint
}

package server

import (
	"errors"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"khatt/safe"
)

// Limits on clients that have not logged in. A connection must finish its
// handshake (and log in) within HandshakeTimeout. Beyond MaxPending waiting
// connections (MaxPendingPerIP from one address), a new one closes the
// oldest *silent* ones (not a byte received in SilentAfter: an SSH client
// sends its banner at once, a socket held open to exhaust the server does
// not), so
// silent sockets can never keep an authorized user out; connections still
// in a live handshake are not touched. Past HardPending (half the
// descriptor limit, at most 1024) new connections are refused outright.
const (
	HandshakeTimeout = 15 * time.Second
	MaxPending       = 64
	MaxPendingPerIP  = 16
	SilentAfter      = time.Second
)

// HardPending is the most connections ever kept waiting to log in.
var HardPending = hardPending()

func hardPending() int {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err == nil && lim.Cur > 0 {
		return max(MaxPending, min(1024, int(lim.Cur/2)))
	}
	return 1024
}

// Terminal sizes a client may ask for: larger ones are clamped (a
// 20000×20000 pty would have each frame take gigabytes).
const (
	MaxCols = 1000
	MaxRows = 500
)

// pendingConn is a connection that has not yet logged in. Until it does,
// no deadline later than its handshake deadline is let through.
type pendingConn struct {
	net.Conn
	g        *connGuard
	ip       string
	deadline atomic.Int64 // unix nanoseconds: the handshake deadline
	arrived  time.Time
	lastRead atomic.Int64 // unix nanoseconds of the last byte received
	authed   atomic.Bool
	done     sync.Once
}

func (c *pendingConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 {
		c.lastRead.Store(time.Now().UnixNano())
	}
	return n, err
}

// silent reports whether the client has sent nothing in the SilentAfter
// since it connected. (One that spoke and stalled meets the handshake
// deadline.)
func (c *pendingConn) silent(now time.Time) bool {
	return c.lastRead.Load() == 0 && now.Sub(c.arrived) >= SilentAfter
}

func (c *pendingConn) clamp(t time.Time) time.Time {
	if c.authed.Load() {
		return t
	}
	d := time.Unix(0, c.deadline.Load())
	if t.IsZero() || t.After(d) {
		return d
	}
	return t
}

func (c *pendingConn) SetDeadline(t time.Time) error     { return c.Conn.SetDeadline(c.clamp(t)) }
func (c *pendingConn) SetReadDeadline(t time.Time) error { return c.Conn.SetReadDeadline(c.clamp(t)) }

func (c *pendingConn) Close() error {
	c.g.release(c)
	return c.Conn.Close()
}

// authenticated lifts the handshake deadline and frees the pending slot.
func (c *pendingConn) authenticated() {
	c.authed.Store(true)
	c.g.release(c)
	c.Conn.SetDeadline(time.Time{}) // the server's idle timeout takes over
}

// connGuard counts the pending connections, in arrival order.
type connGuard struct {
	mu      sync.Mutex
	pending []*pendingConn
	perIP   map[string]int
	logf    func(string, ...any)
}

func newConnGuard(logf func(string, ...any)) *connGuard {
	return &connGuard{perIP: map[string]int{}, logf: logf}
}

// admit registers a new connection: over the soft limits, the oldest
// silent connection (of the same address first) is closed to make room;
// over the hard limit, the new one is refused (nil).
func (g *connGuard) admit(conn net.Conn) *pendingConn {
	now := time.Now()
	c := &pendingConn{Conn: conn, g: g, ip: addrIP(conn.RemoteAddr()), arrived: now}
	c.deadline.Store(now.Add(HandshakeTimeout).UnixNano())
	var evict []*pendingConn
	g.mu.Lock()
	oldestSilent := func(ip string) *pendingConn {
		for _, o := range g.pending {
			if (ip == "" || o.ip == ip) && o.silent(now) {
				return o
			}
		}
		return nil
	}
	for g.perIP[c.ip] >= MaxPendingPerIP {
		o := oldestSilent(c.ip)
		if o == nil {
			break
		}
		evict = append(evict, o)
		g.drop(o)
	}
	for len(g.pending) >= MaxPending {
		o := oldestSilent("")
		if o == nil {
			break
		}
		evict = append(evict, o)
		g.drop(o)
	}
	refused := len(g.pending) >= HardPending
	if !refused {
		g.pending = append(g.pending, c)
		g.perIP[c.ip]++
	}
	waiting := len(g.pending)
	g.mu.Unlock()
	if len(evict) > 0 {
		g.logf("closed %d silent connections that had not logged in (from %s first): %d waiting (limits %d, %d from one address)",
			len(evict), evict[0].ip, waiting, MaxPending, MaxPendingPerIP)
	}
	for _, o := range evict {
		o.Conn.Close()
	}
	if refused {
		g.logf("refused a connection from %s: %d connections are waiting to log in", c.ip, waiting)
		return nil
	}
	conn.SetDeadline(now.Add(HandshakeTimeout))
	return c
}

// drop removes c from the pending list; the caller holds mu.
func (g *connGuard) drop(c *pendingConn) {
	for i, o := range g.pending {
		if o == c {
			g.pending = append(g.pending[:i], g.pending[i+1:]...)
			if g.perIP[c.ip]--; g.perIP[c.ip] <= 0 {
				delete(g.perIP, c.ip)
			}
			return
		}
	}
}

func (g *connGuard) release(c *pendingConn) {
	c.done.Do(func() {
		g.mu.Lock()
		g.drop(c)
		g.mu.Unlock()
	})
}

// Pending is the number of connections that have not logged in.
func (g *connGuard) Pending() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.pending)
}

type pendingKey struct{}

// wrapConn is the server's ConnCallback.
func (s *Server) wrapConn(ctx ssh.Context, conn net.Conn) net.Conn {
	c := s.conns.admit(conn)
	if c == nil {
		return nil // the library closes it
	}
	ctx.SetValue(pendingKey{}, c)
	return c
}

// connectionFailed logs handshakes that did not finish.
func (s *Server) connectionFailed(conn net.Conn, err error) {
	ip := addrIP(conn.RemoteAddr())
	switch {
	case errors.Is(err, net.ErrClosed):
		// closed to make room: said when it was closed
	case errors.Is(err, os.ErrDeadlineExceeded):
		s.cfg.Log.Printf("closed a connection from %s: no login within %s", ip, HandshakeTimeout)
	default:
		s.cfg.Log.Printf("handshake with %s failed: %s", ip, safe.Line(err.Error(), 200))
	}
}

// sessionChannel is the session channel handler with the requests khatt
// never grants refused (agent forwarding, X11) and terminal sizes clamped
// before anything reads them.
func sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{newChan}, ctx)
}

type filteredChannel struct{ gossh.NewChannel }

func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		for r := range reqs {
			switch r.Type {
			case "auth-agent-req@openssh.com", "x11-req":
				if r.WantReply {
					r.Reply(false, nil)
				}
				continue
			case "pty-req":
				r.Payload = clampPtyRequest(r.Payload)
			case "window-change":
				r.Payload = clampWindowChange(r.Payload)
			}
			out <- r
		}
	}()
	return ch, out, nil
}

func clampPtyRequest(p []byte) []byte {
	var req struct {
		Term             string
		Cols, Rows, W, H uint32
		Modes            string
	}
	if err := gossh.Unmarshal(p, &req); err != nil {
		return p // the library refuses it too
	}
	req.Cols, req.Rows = min(req.Cols, MaxCols), min(req.Rows, MaxRows)
	req.W, req.H = min(req.W, MaxCols*32), min(req.H, MaxRows*64)
	return gossh.Marshal(req)
}

func clampWindowChange(p []byte) []byte {
	var w struct{ Cols, Rows, W, H uint32 }
	if err := gossh.Unmarshal(p, &w); err != nil {
		return p
	}
	w.Cols, w.Rows = min(w.Cols, MaxCols), min(w.Rows, MaxRows)
	w.W, w.H = min(w.W, MaxCols*32), min(w.H, MaxRows*64)
	return gossh.Marshal(w)
}

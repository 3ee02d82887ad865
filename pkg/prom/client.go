// Package prom is PerfScope's Prometheus-compatible API client (Prometheus, Thanos, Mimir, VictoriaMetrics):
// client_golang's v1 API over the SDK's httpclient, with a bounded pool of concurrent queries, a timeout on
// every call and cancellation from the request context.
package prom

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/api"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"
)

// MaxPoints is Prometheus' own limit of points per series in a range query.
const MaxPoints = 11000

// maxRedirects is net/http's own default, which a CheckRedirect of one's own must enforce itself.
const maxRedirects = 10

// outOfRange finds the value of a sample the JSON decoder could not read as a float64.
var outOfRange = regexp.MustCompile(`strconv.ParseFloat: parsing "([^"]{0,40})[^"]*": value out of range`)

// maxMessage bounds every message the client makes (a server may answer a 5 MB error).
const maxMessage = 1024

// Client sends queries to one configured Prometheus-compatible URL.
type Client struct {
	api     v1.API
	raw     api.Client
	http    *http.Client // the client's HTTP client, redirects refused as in New, for Get
	base    string       // the URL without credentials, for messages
	slots   chan struct{}
	timeout time.Duration
	secrets []string // never repeated in a message, even when a server echoes them
}

// Redact makes every message of the client replace these values (the datasource's secrets) with "[secret]".
func (c *Client) Redact(secrets ...string) {
	for _, s := range secrets {
		// As written, and as a server may echo it: URL-encoded (query and path) and base64 (standard and URL
		// alphabets, with and without padding).
		forms := []string{s, url.QueryEscape(s), url.PathEscape(s),
			base64.StdEncoding.EncodeToString([]byte(s)), base64.RawStdEncoding.EncodeToString([]byte(s)),
			base64.URLEncoding.EncodeToString([]byte(s)), base64.RawURLEncoding.EncodeToString([]byte(s))}
		for _, f := range forms {
			if f != "" && !slices.Contains(c.secrets, f) {
				c.secrets = append(c.secrets, f)
			}
		}
	}
	// Longest first, so a secret that contains another is replaced whole.
	slices.SortFunc(c.secrets, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
}

// RedactBasicAuth redacts basic credentials as an Authorization header carries them, base64(user:password)
// (with and without padding, standard and URL alphabet), besides the password itself.
func (c *Client) RedactBasicAuth(user, password string) {
	if password == "" {
		return
	}
	raw := []byte(user + ":" + password)
	c.Redact(password, base64.StdEncoding.EncodeToString(raw), base64.RawStdEncoding.EncodeToString(raw),
		base64.URLEncoding.EncodeToString(raw), base64.RawURLEncoding.EncodeToString(raw))
}

// Scrub replaces the datasource's secrets in msg with "[secret]".
func (c *Client) Scrub(msg string) string {
	for _, s := range c.secrets {
		msg = strings.ReplaceAll(msg, s, "[secret]")
	}
	return msg
}

// bodyMessage is what a failed response says: the API's "error" field, or the start of its body.
func bodyMessage(e *v1.Error) string {
	var body struct {
		Error string `json:"error"`
	}
	if json.Unmarshal([]byte(e.Detail), &body) == nil && body.Error != "" {
		return e.Msg + ": " + body.Error
	}
	detail := strings.Join(strings.Fields(e.Detail), " ")
	if detail == "" {
		return e.Msg
	}
	return e.Msg + ": " + detail
}

// New creates a client for address over httpClient, running at most maxConcurrent queries at once and giving
// each one timeout.
func New(address string, httpClient *http.Client, maxConcurrent int, timeout time.Duration) (*Client, error) {
	u, err := url.Parse(address)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("url: %q is not an http:// or https:// address", redact(address))
	}
	if maxConcurrent < 1 {
		maxConcurrent = 1
	}
	// Queries only ever go to the configured host, and over https when it is https: refuse other redirects.
	c := *httpClient
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		switch {
		case len(via) >= maxRedirects:
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		case req.URL.Host != u.Host:
			return fmt.Errorf("refused a redirect away from the configured Prometheus to %s", req.URL.Host)
		case u.Scheme == "https" && req.URL.Scheme != "https":
			return fmt.Errorf("refused a redirect from https down to %s", req.URL.Scheme)
		}
		return nil
	}
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c.Transport = budgetTransport{next: next}
	raw, err := api.NewClient(api.Config{Address: address, Client: &c})
	if err != nil {
		return nil, fmt.Errorf("url: %w", err)
	}
	return &Client{api: v1.NewAPI(raw), raw: raw, http: &c, base: redact(address),
		slots: make(chan struct{}, maxConcurrent), timeout: timeout}, nil
}

func redact(address string) string {
	u, err := url.Parse(address)
	if err != nil {
		return "the configured URL"
	}
	u.User = nil
	u.RawQuery = ""
	return u.String()
}

// call runs fn in one pool slot under the client's timeout, and turns failures into messages for users.
func (c *Client) call(ctx context.Context, fn func(context.Context) error) error {
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return c.explain(ctx, ctx.Err())
	}
	defer func() { <-c.slots }()
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	return c.explain(ctx, fn(ctx))
}

// Error is a failed Prometheus call. Downstream reports whether Prometheus (rather than the query) is at fault.
type Error struct {
	Msg        string
	Downstream bool
	Err        error
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

func (c *Client) explain(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	e := c.explainRaw(ctx, err)
	e.Msg = bounded(c.Scrub(e.Msg)) // scrubbed whole first: a secret cut in two would no longer match
	return e
}

// bounded cuts a message to maxMessage bytes, at a rune boundary.
func bounded(msg string) string {
	if len(msg) <= maxMessage {
		return msg
	}
	cut := maxMessage
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "…"
}

func (c *Client) explainRaw(ctx context.Context, err error) *Error {
	var done *Error
	if errors.As(err, &done) {
		return done
	}
	var tooMuch *TooMuchError
	if errors.As(err, &tooMuch) {
		return &Error{Msg: tooMuch.Msg, Err: err}
	}
	// client_golang's decoder reports a sample past a float64 with the JSON around it: say it briefly.
	if m := outOfRange.FindStringSubmatch(err.Error()); m != nil {
		return &Error{Msg: fmt.Sprintf("Prometheus at %s answered a sample value PerfScope cannot read, %q: it is past the range of a 64-bit float", c.base, m[1]), Downstream: true, Err: err}
	}
	var perr *v1.Error
	switch {
	case errors.As(err, &perr) && perr.Type == v1.ErrBadData:
		return &Error{Msg: "Prometheus rejected the query: " + perr.Msg, Err: err}
	case errors.As(err, &perr) && (perr.Type == v1.ErrCanceled || perr.Type == v1.ErrTimeout) && ctx.Err() == nil:
		return &Error{Msg: "Prometheus gave up on the query: " + perr.Msg, Downstream: true, Err: err}
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		return &Error{Msg: fmt.Sprintf("Prometheus at %s did not answer within %s", c.base, c.timeout), Downstream: true, Err: err}
	case errors.Is(ctx.Err(), context.Canceled) || errors.Is(err, context.Canceled):
		return &Error{Msg: "the request was cancelled", Err: err}
	case errors.As(err, &perr):
		return &Error{Msg: fmt.Sprintf("Prometheus at %s answered with an error: %s", c.base, bodyMessage(perr)), Downstream: true, Err: err}
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		return &Error{Msg: fmt.Sprintf("cannot reach Prometheus at %s: %v", c.base, uerr.Err), Downstream: true, Err: err}
	}
	return &Error{Msg: fmt.Sprintf("Prometheus at %s: %v", c.base, err), Downstream: true, Err: err}
}

// Range is a range query's time span and step.
type Range = v1.Range

// QueryRange runs a range query and returns its series.
func (c *Client) QueryRange(ctx context.Context, expr string, r Range) (model.Matrix, error) {
	if r.Step <= 0 {
		return nil, &Error{Msg: "the step must be positive"}
	}
	if n := r.End.Sub(r.Start)/r.Step + 1; n > MaxPoints {
		return nil, &Error{Msg: fmt.Sprintf("a %s range at a %s step is %d points per series; Prometheus allows %d: widen the step or narrow the range",
			r.End.Sub(r.Start), r.Step, n, MaxPoints)}
	}
	var m model.Matrix
	err := c.call(ctx, func(ctx context.Context) error {
		v, _, _, err := c.api.QueryRange(ctx, expr, r)
		if err != nil {
			return err
		}
		var ok bool
		if m, ok = v.(model.Matrix); !ok {
			return fmt.Errorf("expected a range vector, got a %s", v.Type())
		}
		return budgetOf(ctx).tooManySeries(len(m))
	})
	return m, err
}

// Query runs an instant query at ts and returns its samples (a scalar becomes one unlabelled sample).
func (c *Client) Query(ctx context.Context, expr string, ts time.Time) (model.Vector, error) {
	var vec model.Vector
	err := c.call(ctx, func(ctx context.Context) error {
		v, _, _, err := c.api.Query(ctx, expr, ts)
		if err != nil {
			return err
		}
		switch v := v.(type) {
		case model.Vector:
			vec = v
		case *model.Scalar:
			vec = model.Vector{{Metric: model.Metric{}, Value: v.Value, Timestamp: v.Timestamp}}
		default:
			return fmt.Errorf("expected an instant vector, got a %s", v.Type())
		}
		return budgetOf(ctx).tooManySeries(len(vec))
	})
	return vec, err
}

// BuildVersion returns the server's version (Prometheus' build info; compatible servers may not have it).
func (c *Client) BuildVersion(ctx context.Context) (string, error) {
	var version string
	err := c.call(ctx, func(ctx context.Context) error {
		b, err := c.api.Buildinfo(ctx)
		version = b.Version
		return err
	})
	return version, err
}

// Address is the configured URL without credentials.
func (c *Client) Address() string { return c.base }

package plugin

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
)

// logs records everything the plugin and the SDK log during the tests (instead of printing it), so tests
// can check that no secret is ever logged.
var logs = &recorder{}

type recorder struct {
	mu   sync.Mutex
	text strings.Builder
	with []any
}

func (r *recorder) write(level, msg string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintln(&r.text, level, msg, fmt.Sprint(r.with...), fmt.Sprint(args...))
}

func (r *recorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.text.String()
}

func (r *recorder) Debug(msg string, args ...any) { r.write("debug", msg, args...) }
func (r *recorder) Info(msg string, args ...any)  { r.write("info", msg, args...) }
func (r *recorder) Warn(msg string, args ...any)  { r.write("warn", msg, args...) }
func (r *recorder) Error(msg string, args ...any) { r.write("error", msg, args...) }
func (r *recorder) Level() log.Level              { return log.Debug }
func (r *recorder) With(args ...any) log.Logger   { return &scoped{r, args} }
func (r *recorder) FromContext(ctx context.Context) log.Logger {
	return &scoped{r, log.ContextualAttributesFromContext(ctx)}
}

type scoped struct {
	*recorder
	args []any
}

func (s *scoped) Debug(msg string, args ...any) { s.write("debug", msg, append(s.args, args...)...) }
func (s *scoped) Info(msg string, args ...any)  { s.write("info", msg, append(s.args, args...)...) }
func (s *scoped) Warn(msg string, args ...any)  { s.write("warn", msg, append(s.args, args...)...) }
func (s *scoped) Error(msg string, args ...any) { s.write("error", msg, append(s.args, args...)...) }

func TestMain(m *testing.M) {
	log.DefaultLogger, backend.Logger = logs, logs
	backend.NewLoggerWith = func(args ...any) log.Logger { return logs.With(args...) }
	code := m.Run()
	if server.Server != nil {
		_ = server.Shutdown()
	}
	os.Exit(code)
}

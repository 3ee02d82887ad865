package plugin

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if server.Server != nil {
		_ = server.Shutdown()
	}
	os.Exit(code)
}

package models

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func load(t *testing.T, jsonData string, secure map[string]string) (*Settings, error) {
	t.Helper()
	return LoadSettings(backend.DataSourceInstanceSettings{JSONData: json.RawMessage(jsonData), DecryptedSecureJSONData: secure})
}

func TestSettingsDefaults(t *testing.T) {
	st, err := load(t, `{"url": "http://prometheus:9090"}`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Timeout != 30*time.Second || st.MaxConcurrent != 6 || st.ScrapeInterval != 15*time.Second || st.AuthType != AuthNone || len(st.Profile.Indicators) != 6 {
		t.Fatalf("defaults: %+v", st)
	}
}

func TestBadSettingsNameTheirField(t *testing.T) {
	for _, c := range []struct {
		jsonData string
		secure   map[string]string
		want     []string
	}{
		{`{}`, nil, []string{"url: enter the address"}},
		{`{"url": "prometheus:9090"}`, nil, []string{`url: "prometheus:9090" is not an http:// or https:// address`}},
		{`{"url": "http://admin:pw@prometheus"}`, nil, []string{"url: put credentials in the authentication settings"}},
		{`{"url": "http://p", "authType": "basic"}`, nil, []string{"basicAuthUser: basic authentication needs a user", "basicAuthPassword: basic authentication needs a password"}},
		{`{"url": "http://p", "authType": "bearer"}`, nil, []string{"bearerToken: bearer authentication needs a token"}},
		{`{"url": "http://p", "authType": "headers"}`, nil, []string{"httpHeaderName1: header authentication needs at least one header"}},
		{`{"url": "http://p", "authType": "kerberos"}`, nil, []string{`authType: "kerberos" is not one of none, basic, bearer, headers`}},
		{`{"url": "http://p", "tlsAuthWithCACert": true}`, nil, []string{"tlsCACert: paste the CA certificate"}},
		{`{"url": "http://p", "timeoutSeconds": 0, "maxConcurrentQueries": 2.5, "scrapeInterval": "often"}`, nil, []string{
			"timeoutSeconds: 0 must be between 1 and 3600 seconds", "maxConcurrentQueries: 2.5 must be a whole number from 1 to 100", `scrapeInterval: "often" is not a positive duration`}},
		{`{"url": "http://p", "timeoutSeconds": 0.2}`, nil, []string{"timeoutSeconds: 0.2 must be between 1 and 3600 seconds"}},
		{`{"url": "http://p", "timeoutSeconds": "30"}`, nil, []string{"jsonData is not valid settings JSON: timeoutSeconds must be a number, not a string"}},
		{`{"url": "http://p", "profile": {"aggregation": "mean", "indicators": []}}`, nil, []string{`profile: aggregation must be "weighted" or "worst"; indicators must not be empty`}},
	} {
		_, err := load(t, c.jsonData, c.secure)
		if err == nil {
			t.Fatalf("%s: accepted", c.jsonData)
		}
		for _, want := range c.want {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q does not say %q", c.jsonData, err, want)
			}
		}
	}
}

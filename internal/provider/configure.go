package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/emrflow/terraform-provider-emrflow/internal/credentials"
	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
)

func (p *emrflowProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientCfg, diags := p.clientConfig(ctx, cfg)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	// The secrets are masked in this context's log lines; the client masks them again in every
	// context it is handed, since each resource call brings a context of its own.
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secretsOf(clientCfg)...)
	ctx = tflog.MaskMessageStrings(ctx, secretsOf(clientCfg)...)

	client, err := emrapi.New(ctx, clientCfg)
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the EMR API client", err.Error())
		return
	}
	tflog.Info(ctx, "emrflow provider configured", map[string]any{
		"region":      clientCfg.RegionID,
		"endpoint":    clientCfg.Endpoint,
		"assume_role": clientCfg.AssumeRole != nil,
		"max_retries": clientCfg.MaxRetries,
	})
	resp.ResourceData = client
	resp.DataSourceData = client
	resp.ActionData = client
	resp.ListResourceData = client
}

// clientConfig turns the provider block and the environment into the client's configuration. It
// is separate from Configure so that unit tests can check every rule without a client.
func (p *emrflowProvider) clientConfig(ctx context.Context, cfg providerModel) (emrapi.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	for name, v := range map[string]interface{ IsUnknown() bool }{
		"region": cfg.Region, "access_key": cfg.AccessKey, "secret_key": cfg.SecretKey,
		"security_token": cfg.SecurityToken, "profile": cfg.Profile,
		"shared_credentials_file": cfg.SharedCredentialsFile, "endpoint": cfg.Endpoint,
		"max_retries": cfg.MaxRetries, "assume_role": cfg.AssumeRole,
	} {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown provider configuration value",
				fmt.Sprintf("The provider cannot be configured while %q is unknown (it depends on a resource not "+
					"yet created). Give it a literal value or a variable, or apply the resource it depends on first "+
					"with -target.", name))
		}
	}
	if diags.HasError() {
		return emrapi.Config{}, diags
	}

	home, err := p.homeDir()
	if err != nil {
		// Without a home directory there is no default credentials file; that is not an error by
		// itself, so carry on with an empty home.
		tflog.Debug(ctx, "no home directory", map[string]any{"error": err.Error()})
		home = ""
	}
	res, err := credentials.Resolve(credentials.Input{
		Region:                cfg.Region.ValueString(),
		AccessKey:             cfg.AccessKey.ValueString(),
		SecretKey:             cfg.SecretKey.ValueString(),
		SecurityToken:         cfg.SecurityToken.ValueString(),
		Profile:               cfg.Profile.ValueString(),
		SharedCredentialsFile: cfg.SharedCredentialsFile.ValueString(),
		// A region from the environment or a profile, which no plan-time validator sees, is
		// checked by the same rule as the block's.
		CheckRegion: emrapi.CheckRegion,
	}, p.getenv, home)
	if err != nil {
		diags.Append(credentialsDiagnostic(err))
		return emrapi.Config{}, diags
	}

	for _, w := range res.Warnings {
		diags.AddWarning("Credentials setting has no effect", w)
	}
	out := emrapi.Config{
		RegionID:        res.Region,
		AccessKeyID:     res.AccessKeyID,
		AccessKeySecret: res.AccessKeySecret,
		SecurityToken:   res.SecurityToken,
		MaxRetries:      defaultMaxRetries,
		UserAgent:       "terraform-provider-emrflow/" + p.version,
	}
	if !cfg.MaxRetries.IsNull() {
		out.MaxRetries = int(cfg.MaxRetries.ValueInt64())
	}

	// Where the endpoint and the keys came from goes into the client's errors: "nothing answered
	// at X" is only actionable when it says where X was set.
	out.CredentialSource = res.Source
	out.Endpoint = cfg.Endpoint.ValueString()
	out.EndpointSource = emrapi.EndpointFromAttribute
	if out.Endpoint == "" {
		out.Endpoint = p.getenv(EndpointEnvVar)
		out.EndpointSource = emrapi.EndpointFromEnv
		if out.Endpoint != "" {
			if _, _, err := emrapi.ParseEndpoint(out.Endpoint); err != nil {
				diags.AddError("Invalid endpoint in "+EndpointEnvVar,
					fmt.Sprintf("The environment variable %s holds %q: %s. Expected scheme://host[:port], e.g. "+
						"http://127.0.0.1:18080.", EndpointEnvVar, out.Endpoint, err))
				return emrapi.Config{}, diags
			}
		}
	}

	sendsToken := out.SecurityToken != "" || (!cfg.AssumeRole.IsNull() && len(cfg.AssumeRole.Elements()) > 0)
	if warning := plainHTTPWarning(out.Endpoint, out.EndpointSource, sendsToken); warning != "" {
		if out.EndpointSource == emrapi.EndpointFromAttribute {
			diags.AddAttributeWarning(path.Root("endpoint"), "Credentials sent over plain HTTP", warning)
		} else {
			diags.AddWarning("Credentials sent over plain HTTP", warning)
		}
	}

	ar, d := assumeRoleFrom(ctx, cfg, res)
	diags.Append(d...)
	out.AssumeRole = ar
	tflog.Debug(ctx, "credentials resolved", map[string]any{"source": res.Source, "region_source": res.RegionSource})
	return out, diags
}

// assumeRoleFrom returns the role to assume: the provider block's assume_role wins over a profile of
// mode RamRoleArn.
func assumeRoleFrom(ctx context.Context, cfg providerModel, res credentials.Result) (*emrapi.AssumeRoleConfig, diag.Diagnostics) {
	var diags diag.Diagnostics
	if !cfg.AssumeRole.IsNull() && len(cfg.AssumeRole.Elements()) > 0 {
		var blocks []assumeRoleModel
		diags.Append(cfg.AssumeRole.ElementsAs(ctx, &blocks, false)...)
		if diags.HasError() {
			return nil, diags
		}
		b := blocks[0]
		ar := &emrapi.AssumeRoleConfig{
			RoleARN:           b.RoleARN.ValueString(),
			SessionName:       b.SessionName.ValueString(),
			SessionExpiration: int(b.SessionExpiration.ValueInt64()),
			Policy:            b.Policy.ValueString(),
			ExternalID:        b.ExternalID.ValueString(),
		}
		if ar.SessionName == "" {
			ar.SessionName = defaultAssumeRoleSession
		}
		if b.SessionExpiration.IsNull() {
			ar.SessionExpiration = 3600
		}
		return ar, diags
	}
	if res.ProfileRoleARN != "" {
		ar := &emrapi.AssumeRoleConfig{
			RoleARN:           res.ProfileRoleARN,
			SessionName:       res.ProfileRoleSessionName,
			SessionExpiration: res.ProfileRoleExpiration,
			Policy:            res.ProfileRolePolicy,
			ExternalID:        res.ProfileRoleExternalID,
		}
		if ar.SessionName == "" {
			ar.SessionName = defaultAssumeRoleSession
		}
		if ar.SessionExpiration == 0 {
			ar.SessionExpiration = 3600
		}
		return ar, diags
	}
	return nil, diags
}

// credentialsDiagnostic points a credentials error at the attribute it concerns, when there is one.
func credentialsDiagnostic(err error) diag.Diagnostic {
	var cerr *credentials.Error
	if !errors.As(err, &cerr) {
		return diag.NewErrorDiagnostic("Cannot resolve credentials", err.Error())
	}
	detail := cerr.Detail
	if cerr.EnvVar != "" {
		detail = fmt.Sprintf("%s\n\n(From the environment variable %s.)", detail, cerr.EnvVar)
	}
	if cerr.Attribute != "" {
		return diag.NewAttributeErrorDiagnostic(path.Root(cerr.Attribute), cerr.Summary, detail)
	}
	return diag.NewErrorDiagnostic(cerr.Summary, detail)
}

func secretsOf(c emrapi.Config) []string {
	var out []string
	for _, s := range []string{c.AccessKeySecret, c.SecurityToken} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

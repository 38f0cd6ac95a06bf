// Package provider holds the emrflow provider: its schema, its configuration (credentials, region,
// endpoint) and the registration of resources and data sources.
package provider

import (
	"context"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"os"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
	"github.com/emrflow/terraform-provider-emrflow/internal/functions"
	"github.com/emrflow/terraform-provider-emrflow/internal/service/category"
	"github.com/emrflow/terraform-provider-emrflow/internal/service/clustersetting"
	"github.com/emrflow/terraform-provider-emrflow/internal/service/flow"
	"github.com/emrflow/terraform-provider-emrflow/internal/service/flowrun"
	"github.com/emrflow/terraform-provider-emrflow/internal/service/job"
	"github.com/emrflow/terraform-provider-emrflow/internal/service/project"
	"github.com/emrflow/terraform-provider-emrflow/internal/service/projectuser"
)

// EndpointEnvVar names the environment variable that overrides the API endpoint.
const EndpointEnvVar = "EMRFLOW_ENDPOINT"

const (
	defaultMaxRetries        = 5
	minSessionExpiration     = 900
	maxSessionExpiration     = 43200
	defaultAssumeRoleSession = "terraform"
)

var (
	_ provider.Provider                   = (*emrflowProvider)(nil)
	_ provider.ProviderWithValidateConfig = (*emrflowProvider)(nil)
	_ provider.ProviderWithFunctions      = (*emrflowProvider)(nil)
	_ provider.ProviderWithActions        = (*emrflowProvider)(nil)
	_ provider.ProviderWithListResources  = (*emrflowProvider)(nil)
)

type emrflowProvider struct {
	version string
	// getenv and homeDir are fields, not calls to os, so that unit tests can configure the provider
	// with a made-up environment.
	getenv  func(string) string
	homeDir func() (string, error)
}

// New returns a constructor of the provider, as providerserver.Serve expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &emrflowProvider{version: version, getenv: os.Getenv, homeDir: os.UserHomeDir}
	}
}

type providerModel struct {
	Region                types.String `tfsdk:"region"`
	AccessKey             types.String `tfsdk:"access_key"`
	SecretKey             types.String `tfsdk:"secret_key"`
	SecurityToken         types.String `tfsdk:"security_token"`
	Profile               types.String `tfsdk:"profile"`
	SharedCredentialsFile types.String `tfsdk:"shared_credentials_file"`
	AssumeRole            types.List   `tfsdk:"assume_role"`
	Endpoint              types.String `tfsdk:"endpoint"`
	MaxRetries            types.Int64  `tfsdk:"max_retries"`
}

type assumeRoleModel struct {
	RoleARN           types.String `tfsdk:"role_arn"`
	SessionName       types.String `tfsdk:"session_name"`
	SessionExpiration types.Int64  `tfsdk:"session_expiration"`
	Policy            types.String `tfsdk:"policy"`
	ExternalID        types.String `tfsdk:"external_id"`
}

func (p *emrflowProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "emrflow"
	resp.Version = p.version
}

func (p *emrflowProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The `emrflow` provider manages Alibaba Cloud E-MapReduce (EMR) data-development " +
			"workflows (flows) and the objects they need: projects, jobs and categories. " +
			"It talks to the EMR 2016-04-08 Flow API, or to the local `emrflow-emulator`.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				MarkdownDescription: "Region of the API, e.g. `cn-hangzhou`. Also read from `ALIBABA_CLOUD_REGION_ID`, " +
					"`ALIBABA_CLOUD_REGION` and `ALICLOUD_REGION`, then from the profile; defaults to `cn-hangzhou`. " +
					"It must be a region the Alibaba Cloud SDK knows for EMR (" + validate.MarkdownList(emrapi.Regions()) +
					"), whatever the endpoint, so that a typo is an error rather than a new region for every flow.",
				Optional:   true,
				Validators: []validator.String{validate.Region()},
			},
			"access_key": schema.StringAttribute{
				MarkdownDescription: "AccessKey ID. Also read from `ALIBABA_CLOUD_ACCESS_KEY_ID` and `ALICLOUD_ACCESS_KEY`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "AccessKey secret. Also read from `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and `ALICLOUD_SECRET_KEY`.",
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"security_token": schema.StringAttribute{
				MarkdownDescription: "STS security token, for temporary keys. Also read from `ALIBABA_CLOUD_SECURITY_TOKEN` " +
					"and `ALICLOUD_SECURITY_TOKEN`.",
				Optional:  true,
				Sensitive: true,
			},
			"profile": schema.StringAttribute{
				MarkdownDescription: "Profile of the shared credentials file to use. Also read from `ALIBABA_CLOUD_PROFILE` and " +
					"`ALICLOUD_PROFILE`; defaults to the file's `current` profile, then `default`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"shared_credentials_file": schema.StringAttribute{
				MarkdownDescription: "Path of the aliyun CLI's credentials file. Also read from `ALIBABA_CLOUD_CREDENTIALS_FILE` " +
					"and `ALICLOUD_SHARED_CREDENTIALS_FILE`; defaults to `~/.aliyun/config.json`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "API endpoint as `scheme://host[:port]`, e.g. `http://127.0.0.1:18080` for the emulator. " +
					"Also read from `EMRFLOW_ENDPOINT`. Defaults to the regional endpoint of the EMR API. Plain `http` " +
					"is used only when the endpoint says so; plain `http` to a host other than this one (which would send the " +
					"signed requests and any STS token unencrypted) is warned about at configure time.",
				Optional:   true,
				Validators: []validator.String{endpointValidator()},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a call is retried after a retryable error (5xx, network). " +
					"Throttling refusals, which prove that nothing was executed and only ask for a slower pace, may be " +
					"retried four times as often. Defaults to `5`; `0` turns retries off. Creates are retried only when " +
					"the error proves that nothing was executed.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.ListNestedBlock{
				MarkdownDescription: "Assume a RAM role (STS AssumeRole) on top of the credentials found above.",
				Validators:          []validator.List{listvalidator.SizeAtMost(1)},
				NestedObject: schema.NestedBlockObject{
					Attributes: map[string]schema.Attribute{
						"role_arn": schema.StringAttribute{
							MarkdownDescription: "ARN of the role, e.g. `acs:ram::123456789012:role/terraform`.",
							Required:            true,
							Validators: []validator.String{
								stringvalidator.RegexMatches(roleARNPattern, "must look like acs:ram::<account id>:role/<role name>"),
							},
						},
						"session_name": schema.StringAttribute{
							MarkdownDescription: "Name of the role session; defaults to `terraform`.",
							Optional:            true,
							Validators:          []validator.String{stringvalidator.LengthBetween(2, 64)},
						},
						"session_expiration": schema.Int64Attribute{
							MarkdownDescription: "Lifetime of the temporary credentials in seconds, 900 to 43200; defaults to 3600.",
							Optional:            true,
							Validators:          []validator.Int64{int64validator.Between(minSessionExpiration, maxSessionExpiration)},
						},
						"policy": schema.StringAttribute{
							MarkdownDescription: "A policy (JSON) that further restricts the assumed role's permissions.",
							Optional:            true,
						},
						"external_id": schema.StringAttribute{
							MarkdownDescription: "External ID the role's trust policy asks for.",
							Optional:            true,
						},
					},
				},
			},
		},
	}
}

func (p *emrflowProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A key without its secret (or the reverse) in the block is a mistake we can name before
	// anything runs; the environment is checked at configure time.
	if known(cfg.AccessKey) && !known(cfg.SecretKey) && cfg.SecretKey.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("secret_key"), "Missing secret_key",
			"access_key is set in the provider block, so secret_key must be set there too.")
	}
	if known(cfg.SecretKey) && !known(cfg.AccessKey) && cfg.AccessKey.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("access_key"), "Missing access_key",
			"secret_key is set in the provider block, so access_key must be set there too.")
	}
}

func (p *emrflowProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		project.NewResource,
		flow.NewResource,
		job.NewResource,
		category.NewResource,
		clustersetting.NewResource,
		projectuser.NewResource,
	}
}

// ListResources are the list resources of `terraform query` (Terraform >= 1.14).
func (p *emrflowProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		project.NewListResource,
		flow.NewListResource,
		job.NewListResource,
		category.NewListResource,
		clustersetting.NewListResource,
		projectuser.NewListResource,
	}
}

func (p *emrflowProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		project.NewDataSource,
		project.NewListDataSource,
		flow.NewDataSource,
		flow.NewListDataSource,
		job.NewDataSource,
		job.NewListDataSource,
		category.NewListDataSource,
		clustersetting.NewClustersDataSource,
		flowrun.NewInstancesDataSource,
	}
}

// Functions are the provider-defined functions (Terraform >= 1.8; older versions never ask).
func (p *emrflowProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{functions.NewEpochMs, functions.NewGraphMermaid}
}

func (p *emrflowProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{flowrun.NewAction, flowrun.NewRerunAction}
}

func known(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }

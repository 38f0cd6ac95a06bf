package flow

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// timeoutsBlock is the flow's timeouts block, with the defaults in the attributes' descriptions
// (the framework's generic text does not give them).
func timeoutsBlock(ctx context.Context) schema.Block {
	return timeouts.Block(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: validate.TimeoutDescription("create", defaultCreateTimeout),
		UpdateDescription: validate.TimeoutDescription("update", defaultUpdateTimeout),
		DeleteDescription: validate.TimeoutDescription("delete", defaultDeleteTimeout),
	})
}

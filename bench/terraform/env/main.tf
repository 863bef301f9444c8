# One environment's root: one working directory and one state per environment, as Terraform users run it. What the
# environments share (shared/: the roles, the instance profile, the hosted zone) is another state, read here through
# its outputs (terraform_remote_state, local backend: a file, no AWS call).
variable "environment" { type = string }
variable "shared_state" { type = string }

data "terraform_remote_state" "shared" {
  backend = "local"
  config  = { path = var.shared_state }
}

module "environment" {
  source                = "../../module"
  environment           = var.environment
  domain                = "${var.environment}.${data.terraform_remote_state.shared.outputs.zone_name}"
  execution_role_name   = data.terraform_remote_state.shared.outputs.execution_role_name
  execution_role_arn    = data.terraform_remote_state.shared.outputs.execution_role_arn
  instance_profile_name = data.terraform_remote_state.shared.outputs.instance_profile_name
  zone_id               = data.terraform_remote_state.shared.outputs.zone_id
}

# One environment's root: one working directory and one state per environment, as Terraform users run it. Each
# environment runs in a moto account of its own, so its state also holds what the reconciler shares between the
# environments of one account (the roles, the instance profile, the hosted zone).
variable "environment" { type = string }

module "shared" {
  source = "../../shared"
}

module "environment" {
  source                = "../../module"
  environment           = var.environment
  execution_role_name   = module.shared.execution_role_name
  execution_role_arn    = module.shared.execution_role_arn
  instance_profile_name = module.shared.instance_profile_name
  zone_id               = module.shared.zone_id
}

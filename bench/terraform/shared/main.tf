# What all environments share, applied once (one state of its own), as a Terraform user would keep it apart from the
# per-environment states: the two IAM roles with their instance profile, and the hosted zone. The reconciler creates
# these the first time an environment needs them and finds them by name afterwards.
resource "aws_iam_role" "ecs_instance" {
  name = "ecsInstanceRole"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "ecs_instance" {
  role       = aws_iam_role.ecs_instance.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}

resource "aws_iam_instance_profile" "ecs_instance" {
  name = "ecsInstanceRole"
  role = aws_iam_role.ecs_instance.name
}

resource "aws_iam_role" "ecs_task_execution" {
  name = "ecsTaskExecutionRole"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "ecs_task_execution" {
  role       = aws_iam_role.ecs_task_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_route53_zone" "main" {
  name = "example.com"
}

output "execution_role_name" { value = aws_iam_role.ecs_task_execution.name }
output "execution_role_arn" { value = aws_iam_role.ecs_task_execution.arn }
output "instance_profile_name" { value = aws_iam_instance_profile.ecs_instance.name }
output "zone_id" { value = aws_route53_zone.main.zone_id }

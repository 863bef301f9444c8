# samples/environment.yaml in HCL: the same resources, named as the reconciler names them ("<environment>-<name>"),
# so both tools build and read the same topology on the same moto_server.
locals {
  env    = var.environment
  domain = var.domain
  tags   = { environment = var.environment }
  public = {
    public-a = { zone = var.zones[0], cidr = "10.0.0.0/24" }
    public-c = { zone = var.zones[1], cidr = "10.0.1.0/24" }
    public-d = { zone = var.zones[2], cidr = "10.0.2.0/24" }
  }
  private = {
    private-a = { zone = var.zones[0], cidr = "10.0.10.0/24" }
    private-c = { zone = var.zones[1], cidr = "10.0.11.0/24" }
    private-d = { zone = var.zones[2], cidr = "10.0.12.0/24" }
  }
}

data "aws_ssm_parameter" "ecs_ami" { name = "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id" }

# --- network
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(local.tags, { Name = local.env })
}

resource "aws_subnet" "public" {
  for_each          = local.public
  vpc_id            = aws_vpc.main.id
  availability_zone = each.value.zone
  cidr_block        = each.value.cidr
  tags              = merge(local.tags, { Name = "${local.env}-${each.key}" })
}

resource "aws_subnet" "private" {
  for_each          = local.private
  vpc_id            = aws_vpc.main.id
  availability_zone = each.value.zone
  cidr_block        = each.value.cidr
  tags              = merge(local.tags, { Name = "${local.env}-${each.key}" })
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
  tags   = local.tags
}

resource "aws_eip" "nat" {
  domain = "vpc"
  tags   = local.tags
}

resource "aws_nat_gateway" "main" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public["public-a"].id
  tags          = local.tags
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
  tags = local.tags
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main.id
  }
  tags = local.tags
}

resource "aws_route_table_association" "public" {
  for_each       = aws_subnet.public
  subnet_id      = each.value.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "private" {
  for_each       = aws_subnet.private
  subnet_id      = each.value.id
  route_table_id = aws_route_table.private.id
}

# --- security groups (rules inline, so that a rule added by hand shows up as drift of the group)
resource "aws_security_group" "web" {
  name        = "${local.env}-web"
  description = "HTTP, HTTPS and SSH to the ECS hosts"
  vpc_id      = aws_vpc.main.id
  dynamic "ingress" {
    for_each = [80, 443, 22]
    content {
      protocol    = "tcp"
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
  tags = local.tags
}

resource "aws_security_group" "db" {
  name        = "${local.env}-db"
  description = "PostgreSQL from the web tier only"
  vpc_id      = aws_vpc.main.id
  ingress {
    protocol        = "tcp"
    from_port       = 5432
    to_port         = 5432
    security_groups = [aws_security_group.web.id]
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
  tags = local.tags
}

# --- database (the master password kept by RDS in Secrets Manager)
resource "aws_db_subnet_group" "app" {
  name       = "${local.env}-app-db"
  subnet_ids = [for s in aws_subnet.private : s.id]
  tags       = local.tags
}

resource "aws_db_instance" "app" {
  identifier                  = "${local.env}-app-db"
  engine                      = "postgres"
  engine_version              = "16"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  db_name                     = "app"
  username                    = "app"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.app.name
  vpc_security_group_ids      = [aws_security_group.db.id]
  multi_az                    = false
  deletion_protection         = false # true in the sample; off here so that the bench's moto can be thrown away
  skip_final_snapshot         = true
  tags                        = local.tags
}

# --- ECS hosts: two ECS-optimized instances, one Elastic IP each
resource "aws_instance" "ecs" {
  count                  = 2
  ami                    = data.aws_ssm_parameter.ecs_ami.value
  instance_type          = "t3.small"
  subnet_id              = [aws_subnet.public["public-a"].id, aws_subnet.public["public-c"].id][count.index]
  vpc_security_group_ids = [aws_security_group.web.id]
  iam_instance_profile   = var.instance_profile_name
  metadata_options { http_tokens = "required" } # IMDSv2 only, as the reconciler sets it
  user_data = "#!/bin/bash\necho ECS_CLUSTER=${aws_ecs_cluster.app.name} >> /etc/ecs/ecs.config\n"
  tags      = merge(local.tags, { Name = "${local.env}-ecs-${count.index + 1}" })
}

resource "aws_eip" "ecs" {
  count    = 2
  domain   = "vpc"
  instance = aws_instance.ecs[count.index].id
  tags     = local.tags
}

# --- TLS: a certificate validated through DNS records in the zone
resource "aws_acm_certificate" "api" {
  domain_name       = local.domain
  validation_method = "DNS"
  tags              = local.tags
}

resource "aws_route53_record" "validation" {
  for_each = { for o in aws_acm_certificate.api.domain_validation_options : o.domain_name => o }
  zone_id  = var.zone_id
  name     = each.value.resource_record_name
  type     = each.value.resource_record_type
  records  = [each.value.resource_record_value]
  ttl      = 300
}

resource "aws_acm_certificate_validation" "api" {
  certificate_arn         = aws_acm_certificate.api.arn
  validation_record_fqdns = [for r in aws_route53_record.validation : r.fqdn]
}

# --- load balancer
resource "aws_lb" "app" {
  name               = "${local.env}-app"
  internal           = false
  load_balancer_type = "application"
  subnets            = [for s in aws_subnet.public : s.id]
  security_groups    = [aws_security_group.web.id]
  tags               = local.tags
}

resource "aws_lb_target_group" "app" {
  name     = "${local.env}-app"
  protocol = "HTTP"
  port     = 80
  vpc_id   = aws_vpc.main.id
  health_check {
    path    = "/"
    matcher = "400"
  }
  tags = local.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.app.arn
  protocol          = "HTTPS"
  port              = 443
  certificate_arn   = aws_acm_certificate_validation.api.certificate_arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
  tags = local.tags
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.app.arn
  protocol          = "HTTP"
  port              = 80
  default_action {
    type = "redirect"
    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }
  tags = local.tags
}

resource "aws_route53_record" "api" {
  zone_id = var.zone_id
  name    = local.domain
  type    = "A"
  alias {
    name                   = aws_lb.app.dns_name
    zone_id                = aws_lb.app.zone_id
    evaluate_target_health = false
  }
}

# --- images, logs, cluster, task definition, service
resource "aws_ecr_repository" "app" {
  name = "${local.env}-app"
  tags = local.tags
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/${local.env}"
  retention_in_days = 30
  tags              = local.tags
}

resource "aws_ecs_cluster" "app" {
  name = "${local.env}-app"
  tags = local.tags
}

# The execution role may read exactly this environment's database secret.
resource "aws_iam_role_policy" "secrets" {
  name = "reconciler-${local.env}-secrets"
  role = var.execution_role_name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = aws_db_instance.app.master_user_secret[0].secret_arn }]
  })
}

resource "aws_ecs_task_definition" "app" {
  family                   = "${local.env}-app"
  execution_role_arn       = var.execution_role_arn
  requires_compatibilities = ["EC2"]
  # awsvpc, not the sample's bridge mode: with bridge mode moto answers DescribeServices with a networkConfiguration
  # the provider 5.100 dereferences without a check (a nil-pointer panic in flattenNetworkConfiguration on read).
  network_mode = "awsvpc"
  cpu          = "1024"
  memory       = "768"
  container_definitions = jsonencode([{
    name              = "web"
    image             = "${aws_ecr_repository.app.repository_url}:latest"
    essential         = true
    memory            = 512
    memoryReservation = 256
    portMappings      = [{ hostPort = 8000, containerPort = 8000, protocol = "tcp" }] # awsvpc: host port = container port
    environment = [
      { name = "DJANGO_SETTINGS_MODULE", value = "app.settings.production" },
      { name = "DATABASE_HOST", value = aws_db_instance.app.address },
      { name = "DATABASE_PORT", value = tostring(aws_db_instance.app.port) },
      { name = "DATABASE_NAME", value = aws_db_instance.app.db_name },
      { name = "DATABASE_USER", value = aws_db_instance.app.username },
    ]
    secrets = [{ name = "DATABASE_PASSWORD", valueFrom = "${aws_db_instance.app.master_user_secret[0].secret_arn}:password::" }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.app.name
        awslogs-region        = "ap-northeast-1"
        awslogs-stream-prefix = "web"
      }
    }
  }])
  tags = local.tags
}

resource "aws_ecs_service" "app" {
  name            = "${local.env}-app"
  cluster         = aws_ecs_cluster.app.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
  launch_type     = "EC2"
  network_configuration {
    subnets         = [for s in aws_subnet.public : s.id]
    security_groups = [aws_security_group.web.id]
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "web"
    container_port   = 8000
  }
  depends_on = [aws_lb_listener.https, aws_iam_role_policy.secrets]
  # moto does not return availabilityZoneRebalancing, so the provider would plan to add it on every run.
  lifecycle { ignore_changes = [availability_zone_rebalancing] }
  tags = local.tags
}

# --- media bucket: private, encrypted, versioned
resource "aws_s3_bucket" "media" {
  bucket = "${local.env}-media"
  tags   = local.tags
}

resource "aws_s3_bucket_versioning" "media" {
  bucket = aws_s3_bucket.media.id
  versioning_configuration { status = "Enabled" }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "media" {
  bucket = aws_s3_bucket.media.id
  rule {
    apply_server_side_encryption_by_default { sse_algorithm = "AES256" }
  }
}

resource "aws_s3_bucket_public_access_block" "media" {
  bucket                  = aws_s3_bucket.media.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
